/**
 * The reply box: Enter sends, Shift+Enter adds a line. Tells the visitor the agent is typing,
 * throttled, and that they stopped after a pause or a send.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { LIMITS } from '../../../shared/limits';
import { useT } from '../i18n';
import { SendIcon } from './icons';

/** Renew "typing" at most this often while keys are pressed. */
const TYPING_RENEW_MS = 2_500;
/** Report "stopped typing" after this long without a key. */
const TYPING_IDLE_MS = 3_000;

interface Props {
  conversationId: string;
  visitorLabel: string;
  /** Resolves true when the message was accepted (the box is then cleared). */
  onSend: (text: string) => Promise<boolean>;
  onTyping: (conversationId: string, typing: boolean) => void;
}

export function Composer({ conversationId, visitorLabel, onSend, onTyping }: Props) {
  const words = useT().live.composer;
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const typingSince = useRef(0);
  /** The conversation "typing" was last reported in, to stop it there. */
  const typingIn = useRef(conversationId);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onTypingRef = useRef(onTyping);
  onTypingRef.current = onTyping;

  const stopTyping = () => {
    if (idleTimer.current) clearTimeout(idleTimer.current);
    idleTimer.current = null;
    if (typingSince.current) {
      typingSince.current = 0;
      onTypingRef.current(typingIn.current, false);
    }
  };

  // Leaving the conversation (the pane is keyed by it) stops "typing" there.
  useEffect(() => stopTyping, []);

  const noteKeystroke = () => {
    const now = Date.now();
    if (now - typingSince.current > TYPING_RENEW_MS) {
      typingSince.current = now;
      typingIn.current = conversationId;
      onTypingRef.current(conversationId, true);
    }
    if (idleTimer.current) clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  const send = async () => {
    // The element's value, not state: a key can arrive before the re-render of the last input.
    const message = (input.current?.value ?? text).trim();
    if (!message || sending) return;
    stopTyping();
    setSending(true);
    const accepted = await onSend(message);
    setSending(false);
    if (accepted) setText((current) => (current.trim() === message ? '' : current));
  };

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <label class="sr-only" for={`reply-${conversationId}`}>
        {words.reply}
      </label>
      <textarea
        ref={input}
        id={`reply-${conversationId}`}
        class="composer-input"
        rows={3}
        maxLength={LIMITS.messageLength}
        placeholder={words.placeholder(visitorLabel)}
        value={text}
        onInput={(event) => {
          setText(event.currentTarget.value);
          if (event.currentTarget.value) noteKeystroke();
          else stopTyping();
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            void send();
          }
        }}
      />
      <div class="composer-bar">
        <span class="composer-hint muted">
          <kbd>{words.enter}</kbd> {words.toSend} · <kbd>{words.shift}</kbd>+
          <kbd>{words.enter}</kbd> {words.newLine}
        </span>
        <button type="submit" class="btn btn--primary" disabled={sending || !text.trim()}>
          <SendIcon />
          {sending ? words.sending : words.send}
        </button>
      </div>
    </form>
  );
}
