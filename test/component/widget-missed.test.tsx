// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MessageView, VisitorConversationView } from '../../shared/protocol';
import type { Chat, ChatState } from '../../widget/app/connection';
import { MissedReplies } from '../../widget/app/Missed';

const anna = { id: 'agent-anna', name: 'Anna Jansen' };

function message(id: string, from: 'agent' | 'visitor', text: string): MessageView {
  return { id, from, text, at: new Date().toISOString(), agent: from === 'agent' ? anna : null };
}

function conversation(messages: MessageView[]): VisitorConversationView {
  return {
    id: 'conv-1',
    version: messages.length,
    status: 'open',
    agent: anna,
    messages,
    promises: [],
    closedAt: null,
    reopenableUntil: null,
    rating: null,
  };
}

/** Only what MissedReplies reads of a chat: its state, and news of changes. */
function fakeChat(messages: MessageView[]) {
  let state = { conversation: conversation(messages) } as ChatState;
  const listeners = new Set<() => void>();
  const chat = {
    state: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as Chat;
  const push = (next: MessageView[]) =>
    act(() => {
      state = { ...state, conversation: conversation(next) };
      listeners.forEach((l) => l());
    });
  return { chat, push };
}

const EARLIER = [message('m1', 'visitor', 'Where is my order?'), message('m2', 'agent', 'Hi!')];

function setup(sound = false, earlier = EARLIER) {
  const launcher = document.createElement('button');
  launcher.setAttribute('aria-label', 'Open chat');
  document.body.appendChild(launcher);
  const { chat, push } = fakeChat(earlier);
  const onOpen = vi.fn();
  const props = { site: 'demo', chat, launcher, sound, onOpen };
  const view = render(<MissedReplies {...props} open={false} />);
  const setOpen = (open: boolean) => view.rerender(<MissedReplies {...props} open={open} />);
  return { launcher, earlier, push, onOpen, setOpen };
}

const badge = (launcher: HTMLElement) => launcher.dataset.unread ?? null;

afterEach(() => {
  cleanup();
  document.body.innerHTML = '';
  localStorage.clear();
  vi.unstubAllGlobals();
});

describe('widget replies missed while the panel is closed', () => {
  it('counts them on the launcher, names it so, and shows a preview that opens the chat', () => {
    const { launcher, earlier, push, onOpen } = setup();
    // What was there already is not new.
    expect(badge(launcher)).toBeNull();
    expect(launcher.getAttribute('aria-label')).toBe('Open chat');

    push([...earlier, message('m3', 'agent', 'Your parcel left the depot this morning.')]);
    expect(badge(launcher)).toBe('1');
    expect(launcher.getAttribute('aria-label')).toBe('Open chat, 1 unread message');
    push([
      ...earlier,
      message('m3', 'agent', 'Your parcel left the depot this morning.'),
      message('m4', 'agent', 'It should arrive tomorrow.'),
    ]);
    expect(badge(launcher)).toBe('2');
    expect(launcher.getAttribute('aria-label')).toBe('Open chat, 2 unread messages');

    const preview = screen.getByRole('button', { name: /Anna/ });
    expect(preview.textContent).toBe('Anna: It should arrive tomorrow.');
    fireEvent.click(preview);
    expect(onOpen).toHaveBeenCalled();
  });

  it('tells screen readers, politely', () => {
    const { earlier, push } = setup();
    const status = screen.getByRole('status');
    expect(status.textContent).toBe('');
    push([...earlier, message('m3', 'agent', 'Found it!')]);
    // The same live region before and after: what comes into it is read out.
    expect(screen.getByRole('status')).toBe(status);
    expect(status.textContent).toBe('Anna: Found it!');
  });

  it('clears everything once the visitor opens the chat, and counts nothing while it is open', () => {
    const { launcher, earlier, push, setOpen } = setup();
    push([...earlier, message('m3', 'agent', 'Found it!')]);
    setOpen(true);
    expect(badge(launcher)).toBeNull();
    expect(launcher.getAttribute('aria-label')).toBe('Open chat');
    expect(screen.queryByRole('button', { name: /Anna/ })).toBeNull();
    push([
      ...earlier,
      message('m3', 'agent', 'Found it!'),
      message('m4', 'agent', 'Anything else?'),
    ]);
    expect(badge(launcher)).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('still counts, on the next page, replies that came after the last one the visitor saw', () => {
    // Page one: the visitor saw Anna's "Hi!", closed the panel, and a reply came in.
    const first = setup();
    first.setOpen(true);
    first.setOpen(false);
    first.push([...EARLIER, message('m3', 'agent', 'Found it!')]);
    expect(badge(first.launcher)).toBe('1');
    cleanup();
    document.body.innerHTML = '';

    // Page two: the conversation arrives whole; the reply the visitor never saw is still unread.
    const next = setup(false, [...EARLIER, message('m3', 'agent', 'Found it!')]);
    expect(badge(next.launcher)).toBe('1');
    expect(screen.getByRole('status').textContent).toBe('Anna: Found it!');
    next.setOpen(true);
    cleanup();
    document.body.innerHTML = '';

    // Page three: seen, so nothing is new.
    const third = setup(false, [...EARLIER, message('m3', 'agent', 'Found it!')]);
    expect(badge(third.launcher)).toBeNull();
  });

  it('counts nothing old in a conversation the last reply seen is not part of', () => {
    localStorage.setItem('peakend:demo:seen', 'a-reply-of-another-conversation');
    const { launcher } = setup();
    expect(badge(launcher)).toBeNull();
  });

  it('counts only the team’s replies, not the visitor’s own messages', () => {
    const { launcher, earlier, push } = setup();
    push([...earlier, message('m3', 'visitor', 'Hello?')]);
    expect(badge(launcher)).toBeNull();
  });

  describe('the sound', () => {
    function stubAudio() {
      const tones: number[] = [];
      class FakeAudioContext {
        currentTime = 0;
        destination = {};
        createGain() {
          return { gain: { value: 1 }, connect: (to: unknown) => to };
        }
        createOscillator() {
          const tone = {
            frequency: { value: 0 },
            connect: (to: unknown) => to,
            start: () => tones.push(tone.frequency.value),
            stop: vi.fn(),
          };
          return tone;
        }
      }
      vi.stubGlobal('AudioContext', FakeAudioContext);
      return tones;
    }

    it('is off by default', () => {
      const tones = stubAudio();
      const { earlier, push } = setup(false);
      push([...earlier, message('m3', 'agent', 'Found it!')]);
      expect(tones).toEqual([]);
    });

    it('beeps, made on the spot, when the site turns it on', () => {
      const tones = stubAudio();
      const { earlier, push } = setup(true);
      push([...earlier, message('m3', 'agent', 'Found it!')]);
      expect(tones.length).toBeGreaterThan(0);
    });
  });
});
