/**
 * The chat panel: a non-modal dialog with the conversation, the agent's promises, a composer, and
 * the rating card once the conversation closes. It renders from the connection's state only.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { MessageView, PromiseView, VisitorConversationView } from '../../shared/protocol';
import { LIMITS } from '../../shared/limits';
import type { Chat, ChatState, PendingMessage } from './connection';
import { formatTime, formatWhen } from './format';
import { looksLikeEmail } from './email';
import { firstName, t } from './i18n';
import { Avatar } from './Avatar';
import { IconCheck, IconClock, IconClose, IconSend } from './icons';
import { RatingCard } from './RatingCard';
import { answeredByAgent } from './due';

/** Typing notices go out at most this often while the visitor types. */
const TYPING_THROTTLE_MS = 2_500;
/** ...and "stopped typing" after this much quiet. */
const TYPING_IDLE_MS = 3_000;
/** Messages closer than this from the same sender share one name-and-time line. */
const GROUP_GAP_MS = 5 * 60_000;

export interface AppProps {
  chat: Chat;
  open: boolean;
  title?: string;
  /** The site's agent avatar (an image URL), shown in the header. */
  avatar?: string;
  /**
   * Move focus into the panel when it opens: yes when the visitor opened it; no when it opened
   * by itself (a rating became due), which must not pull focus away from the page.
   */
  takeFocus?: boolean;
  /** The rating card may ask how to reach the visitor: the page did not say who they are. */
  askContact?: boolean;
  onClose(): void;
}

function useChatState(chat: Chat): ChatState {
  const [state, setState] = useState(chat.state());
  useEffect(() => {
    setState(chat.state());
    return chat.subscribe(() => setState(chat.state()));
  }, [chat]);
  return state;
}

/** Re-renders at `until` (an ISO time), e.g. to hide "This isn't solved" when its window ends. */
function useExpired(until: string | null): boolean {
  const at = until ? Date.parse(until) : 0;
  const [, tick] = useState(0);
  const expired = at <= Date.now();
  useEffect(() => {
    if (expired) return;
    // setTimeout's delay is a 32-bit integer; longer windows re-check once a day.
    const timer = setTimeout(() => tick((n) => n + 1), Math.min(at - Date.now(), 86_400_000));
    return () => clearTimeout(timer);
  }, [at, expired]);
  return expired;
}

export function App({
  chat,
  open,
  title,
  avatar,
  takeFocus = true,
  askContact,
  onClose,
}: AppProps) {
  const state = useChatState(chat);
  const { conversation, status, presence } = state;
  /** No one of the team has the console open: say so, and ask where to answer. */
  const away = status === 'online' && presence?.online === false;
  /** The address left while away, for this page view: "We'll answer at …". */
  const [left, setLeft] = useState<string | null>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  /** The composer (or "End chat") had focus when the conversation closed: focus the card. */
  const focusCard = useRef(false);
  const closed = conversation?.status === 'closed';
  const agentName = conversation?.agent?.name ?? null;
  /** The conversation whose rating card has reached its thank-you: the composer comes back. */
  const [finished, setFinished] = useState<string | null>(null);
  /** A chat nobody from the team answered is not rated: its closing note is all there is. */
  const unanswered = !!conversation && closed && !answeredByAgent(conversation);
  const ratingDone = !!conversation && (finished === conversation.id || unanswered);
  /** "End chat" was pressed: the panel asks "End this chat?" before ending it. */
  const [confirming, setConfirming] = useState(false);
  const endRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  /** The question was dismissed: focus goes back to "End chat", where the visitor was. */
  const backToEnd = useRef(false);

  useEffect(() => {
    if (closed) setConfirming(false);
  }, [closed]);

  useLayoutEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (backToEnd.current) endRef.current?.focus();
    backToEnd.current = false;
  }, [confirming]);

  function cancelEnd() {
    backToEnd.current = true;
    setConfirming(false);
  }

  function confirmEnd() {
    focusCard.current = true;
    setConfirming(false);
    void chat.end();
  }

  useLayoutEffect(() => {
    if (!open || !takeFocus) return;
    const target = inputRef.current ?? panelRef.current;
    target?.focus();
  }, [open]);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape' && !event.isComposing) {
      event.stopPropagation();
      onClose();
    }
  }

  const headingId = 'pk-title';
  return (
    <div
      class="pk-panel"
      role="dialog"
      aria-labelledby={headingId}
      hidden={!open}
      ref={panelRef}
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <div class="pk-header">
        <Avatar src={avatar} name={agentName} />
        <div class="pk-heading">
          <h2 id={headingId} class="pk-title">
            {title || t.defaultTitle}
          </h2>
          <p class="pk-subtitle">
            <span
              class={status === 'online' && presence?.online ? 'pk-dot pk-dot-on' : 'pk-dot'}
              aria-hidden="true"
            />
            {closed
              ? t.ended
              : agentName
                ? t.helping(agentName)
                : !away
                  ? t.replyTime(state.replyMinutes)
                  : presence?.backAt
                    ? t.closedUntil(formatWhen(presence.backAt))
                    : t.awayNow}
          </p>
        </div>
        {conversation && !closed && !confirming && (
          <button
            type="button"
            class="pk-header-button"
            ref={endRef}
            onClick={() => setConfirming(true)}
          >
            {t.endChat}
          </button>
        )}
        <button type="button" class="pk-icon-button" aria-label={t.closeChat} onClick={onClose}>
          <IconClose />
        </button>
      </div>

      {confirming && conversation && !closed && (
        <div
          class="pk-banner"
          role="group"
          aria-labelledby="pk-confirm-q"
          onKeyDown={(event) => {
            if (event.key === 'Escape' && !event.isComposing) {
              // Escape takes back the question, not the whole panel.
              event.stopPropagation();
              cancelEnd();
            }
          }}
        >
          <p id="pk-confirm-q">{t.endConfirm}</p>
          <div class="pk-confirm">
            <button type="button" class="pk-button pk-secondary" onClick={cancelEnd}>
              {t.keepChatting}
            </button>
            <button
              type="button"
              class="pk-button pk-primary"
              ref={confirmRef}
              onClick={confirmEnd}
            >
              {t.endChat}
            </button>
          </div>
        </div>
      )}

      {conversation && <Promises promises={conversation.promises} chat={chat} />}

      <Status state={state} />

      <Messages state={state} settled={ratingDone}>
        {closed && conversation && (
          <ClosedBlock
            conversation={conversation}
            chat={chat}
            agentName={agentName}
            autoFocus={focusCard.current}
            unanswered={unanswered}
            askContact={askContact}
            onFinished={() => setFinished(conversation.id)}
          />
        )}
      </Messages>

      {left && away && (
        <p class="pk-note" role="status">
          {t.awayLeft(left)}
        </p>
      )}

      {(!closed || ratingDone) && (
        <Composer
          chat={chat}
          inputRef={inputRef}
          disabled={status === 'unavailable'}
          placeholder={closed ? t.placeholderNew : t.placeholder}
          askEmail={away && (!conversation || closed)}
          onLeft={setLeft}
          onFocusChange={(focused) => (focusCard.current = focused)}
        />
      )}
    </div>
  );
}

function Status({ state }: { state: ChatState }) {
  const text =
    state.status === 'unavailable'
      ? t.unavailable
      : state.status === 'reconnecting'
        ? t.reconnecting
        : null;
  if (!text) return null;
  return (
    <p class={`pk-banner pk-banner-${state.status}`} role="status">
      {text}
    </p>
  );
}

function Promises({ promises, chat }: { promises: PromiseView[]; chat: Chat }) {
  if (!promises.length) return null;
  return (
    <ul class="pk-promises" aria-label={t.promises}>
      {promises.map((p) => (
        <PromiseItem key={p.id} promise={p} chat={chat} />
      ))}
    </ul>
  );
}

/**
 * One promise. Kept in time, it offers "That didn't happen" while the server says it may be
 * disputed (`disputableUntil`, the reopen window after the keep). One tap, no confirmation: the
 * button sits inside the promise it is about and says plainly what it tells the team, and the
 * answer replaces it with "You said this didn't happen", which takes the focus so keyboard and
 * screen-reader users hear the result. A dispute cannot be taken back, so there is no undo.
 */
function PromiseItem({ promise: p, chat }: { promise: PromiseView; chat: Chat }) {
  const expired = useExpired(p.disputableUntil);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(false);
  /** This panel sent the dispute: the note that replaces the button takes the focus. */
  const disputedHere = useRef(false);
  const noteRef = useRef<HTMLSpanElement>(null);
  const disputed = p.status === 'disputed';
  const textId = `pk-promise-${p.id}`;

  useLayoutEffect(() => {
    if (disputed && disputedHere.current) noteRef.current?.focus();
  }, [disputed]);

  async function dispute() {
    setBusy(true);
    setError(false);
    disputedHere.current = true;
    const ack = await chat.dispute(p.id);
    setBusy(false);
    if (!ack.ok) {
      disputedHere.current = false;
      setError(true);
    }
  }

  return (
    <li class={`pk-promise pk-promise-${p.status}`}>
      <span class="pk-promise-icon" aria-hidden="true">
        {p.status === 'kept' ? <IconCheck /> : disputed ? <IconClose /> : <IconClock />}
      </span>
      <span class="pk-promise-body">
        <strong id={textId}>
          {p.status === 'kept' && p.keptAt
            ? t.promiseKeptAt(formatWhen(p.keptAt))
            : t.promiseBy(firstName(p.agent.name), formatWhen(p.dueAt))}
        </strong>
        {p.text && <span class="pk-promise-text">{p.text}</span>}
        {disputed && (
          <span class="pk-promise-note" ref={noteRef} tabIndex={-1}>
            {t.promiseDisputed}
          </span>
        )}
        {p.status === 'kept' && !expired && (
          <button
            type="button"
            class="pk-dispute"
            aria-describedby={textId}
            disabled={busy}
            onClick={dispute}
          >
            {t.dispute}
          </button>
        )}
        {error && (
          <span class="pk-error" role="alert">
            {t.actionFailed}
          </span>
        )}
      </span>
      {(p.status === 'kept' || p.status === 'broken') && (
        <span class="pk-badge">{p.status === 'kept' ? t.promiseKept : t.promiseLate}</span>
      )}
    </li>
  );
}

function startsGroup(messages: MessageView[], i: number): boolean {
  const m = messages[i] as MessageView;
  const prev = messages[i - 1];
  return (
    !prev ||
    prev.from !== m.from ||
    prev.agent?.id !== m.agent?.id ||
    Date.parse(m.at) - Date.parse(prev.at) > GROUP_GAP_MS
  );
}

function Messages(props: {
  state: ChatState;
  /** The rating card has finished (the composer has just come back): keep the end in view. */
  settled: boolean;
  children?: preact.ComponentChildren;
}) {
  const { state, children } = props;
  const { conversation, pending, typing } = state;
  const messages = conversation?.messages ?? [];
  const logRef = useRef<HTMLDivElement>(null);
  const closed = conversation?.status === 'closed';

  // Stay at the newest message as messages, typing and the rating card come in.
  useLayoutEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [messages.length, pending.length, typing, closed, conversation?.id, props.settled]);

  return (
    <div class="pk-body" ref={logRef}>
      <div class="pk-log" role="log" aria-live="polite" aria-label={t.messages}>
        {!messages.length && (
          <div class="pk-group pk-from-agent">
            <p class="pk-meta">{t.team}</p>
            <p class="pk-bubble">{t.welcome}</p>
          </div>
        )}
        {messages.map((m, i) => (
          <div
            key={m.id}
            class={`pk-group pk-from-${m.from}${startsGroup(messages, i) ? '' : ' pk-cont'}`}
          >
            {startsGroup(messages, i) && (
              <p class="pk-meta">
                {m.from === 'agent' ? `${m.agent?.name ?? t.team} · ` : ''}
                <time dateTime={m.at}>{formatTime(m.at)}</time>
              </p>
            )}
            <p class="pk-bubble">{m.text}</p>
          </div>
        ))}
        {pending.map((p: PendingMessage) => (
          <div key={`p${p.id}`} class="pk-group pk-from-visitor pk-cont pk-pending">
            <p class="pk-bubble">{p.text}</p>
          </div>
        ))}
        {closed && conversation?.closedAt && (
          <p class="pk-divider">
            <span>
              {t.ended} ·{' '}
              <time dateTime={conversation.closedAt}>{formatTime(conversation.closedAt)}</time>
            </span>
          </p>
        )}
      </div>
      {typing && !closed && (
        <p class="pk-typing">
          <span class="pk-dots" aria-hidden="true">
            <i />
            <i />
            <i />
          </span>
          {t.typing(firstName(typing.name))}
        </p>
      )}
      {children}
    </div>
  );
}

function ClosedBlock(props: {
  conversation: VisitorConversationView;
  chat: Chat;
  agentName: string | null;
  autoFocus: boolean;
  /** Nobody from the team wrote: a closing note instead of the rating card. */
  unanswered: boolean;
  askContact?: boolean;
  onFinished(): void;
}) {
  const { conversation, chat } = props;
  const noteRef = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => {
    if (props.unanswered && props.autoFocus) noteRef.current?.focus();
  }, []);
  const expired = useExpired(conversation.reopenableUntil);
  const [error, setError] = useState(false);
  const [busy, setBusy] = useState(false);

  async function reopen() {
    setBusy(true);
    setError(false);
    const ack = await chat.reopen();
    setBusy(false);
    if (!ack.ok) setError(true);
  }

  return (
    <div class="pk-closed">
      {props.unanswered ? (
        <p class="pk-card" ref={noteRef} tabIndex={-1}>
          {t.endedUnanswered}
        </p>
      ) : (
        <RatingCard
          key={conversation.id}
          conversationId={conversation.id}
          agentName={props.agentName}
          existing={conversation.rating}
          save={chat.saveRating}
          autoFocus={props.autoFocus}
          askContact={props.askContact}
          onFinished={props.onFinished}
        />
      )}
      {!expired && (
        <button type="button" class="pk-button pk-secondary" disabled={busy} onClick={reopen}>
          {t.notSolved}
        </button>
      )}
      {error && (
        <p class="pk-error" role="alert">
          {t.actionFailed}
        </p>
      )}
    </div>
  );
}

function Composer(props: {
  chat: Chat;
  inputRef: preact.RefObject<HTMLTextAreaElement>;
  disabled: boolean;
  placeholder: string;
  /** The message starts a chat while the team is away: ask where to answer. */
  askEmail: boolean;
  onLeft(email: string): void;
  onFocusChange(focused: boolean): void;
}) {
  const { chat, inputRef, askEmail } = props;
  const [text, setText] = useState('');
  const [error, setError] = useState(false);
  const [email, setEmail] = useState('');
  const [badEmail, setBadEmail] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const typing = useRef({
    sentAt: 0,
    idle: undefined as ReturnType<typeof setTimeout> | undefined,
  });

  useEffect(() => () => clearTimeout(typing.current.idle), []);

  function stopTyping() {
    const state = typing.current;
    clearTimeout(state.idle);
    if (state.sentAt) chat.setTyping(false);
    state.sentAt = 0;
  }

  function onInput(value: string) {
    setText(value);
    const state = typing.current;
    if (Date.now() - state.sentAt > TYPING_THROTTLE_MS) {
      state.sentAt = Date.now();
      chat.setTyping(true);
    }
    clearTimeout(state.idle);
    state.idle = setTimeout(stopTyping, TYPING_IDLE_MS);
  }

  async function submit() {
    const value = text.trim();
    if (!value || props.disabled) return;
    const address = askEmail ? email.trim() : '';
    if (askEmail && !looksLikeEmail(address)) {
      setBadEmail(true);
      emailRef.current?.focus();
      return;
    }
    setBadEmail(false);
    stopTyping();
    setText('');
    setError(false);
    const ack = await (address ? chat.send(value, address) : chat.send(value));
    if (ack.ok && address) props.onLeft(address);
    if (!ack.ok) {
      setError(true);
      // Give the words back unless the visitor has started a new message meanwhile.
      setText((current) => current || value);
    }
  }

  return (
    <form
      class="pk-composer"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {error && (
        <p class="pk-error" role="alert">
          {t.sendFailed}
        </p>
      )}
      {askEmail && (
        <div class="pk-away">
          <p class="pk-hint" id="pk-away-hint">
            {t.awayAsk}
          </p>
          <label class="pk-q" for="pk-away-email">
            {t.awayEmail}
          </label>
          <input
            id="pk-away-email"
            ref={emailRef}
            class="pk-input"
            type="email"
            autoComplete="email"
            maxLength={LIMITS.emailLength}
            value={email}
            aria-required="true"
            aria-invalid={badEmail}
            aria-describedby={`pk-away-hint${badEmail ? ' pk-away-error' : ''}`}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
          {badEmail && (
            <p class="pk-error" id="pk-away-error">
              {t.badEmail}
            </p>
          )}
        </div>
      )}
      <div class="pk-compose-row">
        <textarea
          ref={inputRef}
          class="pk-input pk-message"
          aria-label={t.message}
          placeholder={props.placeholder}
          rows={1}
          maxLength={LIMITS.messageLength}
          value={text}
          onInput={(e) => onInput(e.currentTarget.value)}
          onFocus={() => props.onFocusChange(true)}
          onBlur={() => props.onFocusChange(false)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              void submit();
            }
          }}
        />
        <button
          type="submit"
          class="pk-icon-button pk-send"
          aria-label={t.send}
          disabled={props.disabled || !text.trim()}
        >
          <IconSend />
        </button>
      </div>
    </form>
  );
}
