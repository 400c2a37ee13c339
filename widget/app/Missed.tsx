/**
 * Replies the visitor has not seen: the panel is closed (minimised, or never opened on this
 * page) when an agent writes. The launcher shows how many, and is named so ("Open chat, 2 unread
 * messages"); a short preview of the latest sits by it (a button that opens the chat), in a
 * polite live region, so screen readers hear it; and, when the site turns it on (`sound`), a short beep.
 * The last reply the visitor saw is kept (persist.ts, `seen`), so replies missed on one page are
 * still unread on the next.
 *
 * The launcher belongs to the loader (widget.js, which must stay tiny): the badge and the name
 * are set here, by the app, on that element.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { MessageView } from '../../shared/protocol';
import type { Chat } from './connection';
import { firstName, t } from './i18n';
import { readStored, writeStored } from './persist';

/** The preview is a glance, not the message: the panel has it all. */
const PREVIEW_CHARS = 80;

let audio: AudioContext | undefined;

/** A short, quiet beep made on the spot: no sound file to download. */
export function beep(): void {
  try {
    audio ||= new AudioContext();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    gain.gain.value = 0.05;
    tone.frequency.value = 880;
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.15);
  } catch {
    // No audio here (or not allowed yet): the badge and the preview still tell.
  }
}

export interface MissedRepliesProps {
  /** The site id, whose storage keeps the last reply seen. */
  site: string;
  chat: Chat;
  open: boolean;
  launcher: HTMLButtonElement;
  sound: boolean;
  onOpen(): void;
}

export function MissedReplies({ site, chat, open, launcher, sound, onOpen }: MissedRepliesProps) {
  const [unread, setUnread] = useState<MessageView[]>([]);
  /** Agent messages already there or already counted; null until the first conversation. */
  const seen = useRef<Set<string> | null>(null);
  const state = useRef({ open, sound });
  state.current = { open, sound };

  useEffect(() => {
    const take = () => {
      const replies = (chat.state().conversation?.messages ?? []).filter((m) => m.from === 'agent');
      const latest = replies[replies.length - 1];
      if (state.current.open && latest) writeStored(site, 'seen', latest.id);
      let known = seen.current;
      let arrived = false;
      if (!known) {
        if (!chat.state().conversation) return;
        // What the conversation held when it arrived was seen up to the last reply the visitor
        // saw (on this page or an earlier one); all of it when that reply is not in it.
        const upTo = replies.findIndex((m) => m.id === readStored(site, 'seen')) + 1;
        known = seen.current = new Set(replies.slice(0, upTo || replies.length).map((m) => m.id));
        arrived = true;
      }
      const fresh = replies.filter((m) => !known.has(m.id));
      fresh.forEach((m) => known.add(m.id));
      if (!fresh.length || state.current.open) return;
      setUnread((before) => [...before, ...fresh]);
      // No beep for replies that came while the visitor was on another page.
      if (state.current.sound && !arrived) beep();
    };
    take();
    return chat.subscribe(take);
  }, [chat, site]);

  useEffect(() => {
    if (!open) return;
    setUnread([]);
    const replies = (chat.state().conversation?.messages ?? []).filter((m) => m.from === 'agent');
    const latest = replies[replies.length - 1];
    if (latest) writeStored(site, 'seen', latest.id);
  }, [open, chat, site]);

  // On every render: the loader names the launcher again when the page calls `init`.
  useLayoutEffect(() => {
    const count = unread.length;
    launcher.setAttribute('aria-label', count ? t.openChatUnread(count) : t.openChat);
    // The badge is drawn from this attribute (styles.css); the name above says it aloud.
    if (count) launcher.dataset.unread = count > 9 ? '9+' : '' + count;
    else delete launcher.dataset.unread;
  });

  const last = unread[unread.length - 1];
  return (
    <>
      {/* A polite live region: screen readers hear the preview when it comes in. */}
      <div role="status">
        {last && !open && !launcher.hidden && (
          <button type="button" class="pk-preview" onClick={onOpen}>
            {`${who(last)}: ${last.text.slice(0, PREVIEW_CHARS)}`}
          </button>
        )}
      </div>
    </>
  );
}

const who = (m: MessageView): string => (m.agent ? firstName(m.agent.name) : t.team);
