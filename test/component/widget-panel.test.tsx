// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Ack } from '../../shared/ack';
import type { PromiseView, VisitorConversationView } from '../../shared/protocol';
import { App } from '../../widget/app/App';
import type { Chat, ChatState } from '../../widget/app/connection';

const anna = { id: 'agent-anna', name: 'Anna' };

function view(patch: Partial<VisitorConversationView> = {}): VisitorConversationView {
  return {
    id: 'conv-1',
    version: 1,
    status: 'open',
    agent: null,
    messages: [
      {
        id: 'm1',
        from: 'visitor',
        text: 'Where is my order?',
        at: new Date().toISOString(),
        agent: null,
      },
      // With an agent looking after the visitor, the agent has answered.
      ...(patch.agent
        ? [
            {
              id: 'm2',
              from: 'agent' as const,
              text: 'Let me look.',
              at: new Date().toISOString(),
              agent: patch.agent,
            },
          ]
        : []),
    ],
    promises: [],
    closedAt: null,
    reopenableUntil: null,
    rating: null,
    ...patch,
  };
}

/** A chat whose state the test drives, standing in for the socket. */
function fakeChat(conversation: VisitorConversationView | null) {
  let state: ChatState = {
    status: 'online',
    reason: null,
    conversation,
    typing: null,
    pending: [],
    replyMinutes: null,
    presence: null,
  };
  const listeners = new Set<() => void>();
  const ok = async (): Promise<Ack<VisitorConversationView>> => ({
    ok: true,
    data: state.conversation ?? view(),
  });
  const chat = {
    state: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    send: vi.fn(ok),
    setTyping: vi.fn(),
    end: vi.fn(ok),
    reopen: vi.fn(ok),
    dispute: vi.fn(ok),
    saveRating: vi.fn<Chat['saveRating']>(),
    ratingSocket: () => null,
    token: () => 'visitor-token',
    destroy: vi.fn(),
  } satisfies Chat;
  const push = (patch: Partial<ChatState>) =>
    act(() => {
      state = { ...state, ...patch };
      listeners.forEach((l) => l());
    });
  return { chat, push };
}

/** A promise Anna kept a minute ago, which the visitor may dispute for a week. */
function keptPromise(patch: Partial<PromiseView> = {}): PromiseView {
  const now = Date.now();
  return {
    id: 'p1',
    text: 'Email you the tracking link',
    dueAt: new Date(now + 60 * 60_000).toISOString(),
    madeAt: new Date(now - 10 * 60_000).toISOString(),
    keptAt: new Date(now - 60_000).toISOString(),
    disputedAt: null,
    status: 'kept',
    counts: true,
    notCounting: null,
    disputableUntil: new Date(now + 7 * 86_400_000).toISOString(),
    agent: anna,
    ...patch,
  };
}

function renderApp(chat: Chat) {
  const onClose = vi.fn();
  render(<App chat={chat} open={true} onClose={onClose} />);
  return { onClose };
}

afterEach(cleanup);

describe('widget chat panel', () => {
  it('is a dialog named by its title, with the message box focused', () => {
    const { chat } = fakeChat(null);
    renderApp(chat);
    expect(screen.getByRole('dialog', { name: 'Chat with us' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }));
    expect(screen.getByText('We usually reply within a few minutes')).toBeTruthy();
  });

  it('states the reply time the site keeps, when it follows it', () => {
    const { chat, push } = fakeChat(null);
    renderApp(chat);
    push({ replyMinutes: 3 });
    expect(screen.getByText('We usually reply within 3 minutes')).toBeTruthy();
    push({ replyMinutes: 1 });
    expect(screen.getByText('We usually reply within a minute')).toBeTruthy();
    push({ replyMinutes: 150 });
    expect(screen.getByText('We usually reply within 3 hours')).toBeTruthy();
  });

  it('says when no one of the team is there, with the dot off, and when they are back', () => {
    const { chat, push } = fakeChat(null);
    renderApp(chat);
    const dot = () => document.querySelector('.pk-dot') as HTMLElement;
    push({ presence: { online: true, backAt: null } });
    expect(screen.getByText('We usually reply within a few minutes')).toBeTruthy();
    expect(dot().classList.contains('pk-dot-on')).toBe(true);

    push({ presence: { online: false, backAt: null } });
    expect(screen.getByText('We’re away right now')).toBeTruthy();
    expect(dot().classList.contains('pk-dot-on')).toBe(false);

    const opens = new Date();
    opens.setHours(opens.getHours() + 1, 0, 0, 0);
    push({ presence: { online: false, backAt: opens.toISOString() } });
    const time = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
    expect(screen.getByText(`We’re closed, back at ${time.format(opens)}`)).toBeTruthy();
  });

  it('asks where to answer while away, checks the address, and sends it with the message', async () => {
    const { chat, push } = fakeChat(null);
    renderApp(chat);
    push({ presence: { online: false, backAt: null } });
    const email = screen.getByRole('textbox', { name: 'Your email' }) as HTMLInputElement;
    expect(email.getAttribute('aria-describedby')).toBe('pk-away-hint');
    expect(
      screen.getByText('Leave your email and your message: we’ll answer by email.'),
    ).toBeTruthy();
    const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    fireEvent.input(box, { target: { value: 'Do you ship to Norway?' } });

    // No address, or a malformed one: not sent, the field says why and takes the focus.
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(chat.send).not.toHaveBeenCalled();
    expect(screen.getByText('Enter a valid email address')).toBeTruthy();
    expect(document.activeElement).toBe(email);
    expect(email.getAttribute('aria-invalid')).toBe('true');
    fireEvent.input(email, { target: { value: 'ada@example' } });
    fireEvent.submit(box.closest('form')!);
    expect(chat.send).not.toHaveBeenCalled();

    fireEvent.input(email, { target: { value: ' ada@example.com ' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(chat.send).toHaveBeenCalledWith('Do you ship to Norway?', 'ada@example.com');
    expect(await screen.findByText('Thanks! We’ll answer at ada@example.com.')).toBeTruthy();

    // The conversation is open now: its next messages need no address.
    push({ conversation: view() });
    expect(screen.queryByRole('textbox', { name: 'Your email' })).toBeNull();
  });

  it('asks for no address while someone is there', () => {
    const { chat, push } = fakeChat(null);
    renderApp(chat);
    push({ presence: { online: true, backAt: null } });
    expect(screen.queryByRole('textbox', { name: 'Your email' })).toBeNull();
    push({ presence: null });
    expect(screen.queryByRole('textbox', { name: 'Your email' })).toBeNull();
  });

  it('sends with Enter, keeps Shift+Enter for a new line, and stops typing on send', async () => {
    const { chat } = fakeChat(view());
    renderApp(chat);
    const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    fireEvent.input(box, { target: { value: 'Hello' } });
    expect(chat.setTyping).toHaveBeenCalledWith(true);
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    expect(chat.send).not.toHaveBeenCalled();
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(chat.send).toHaveBeenCalledWith('Hello');
    expect(chat.setTyping).toHaveBeenLastCalledWith(false);
    await waitFor(() => expect(box.value).toBe(''));
    expect(box.maxLength).toBe(4000);
  });

  it('shows the agent, their promise with its due time, and "Kept" once kept', async () => {
    const due = new Date();
    due.setHours(15, 30, 0, 0);
    const promise = {
      id: 'p1',
      text: 'Email you the tracking link',
      dueAt: due.toISOString(),
      madeAt: new Date().toISOString(),
      keptAt: null,
      disputedAt: null,
      status: 'pending' as const,
      counts: true,
      notCounting: null,
      disputableUntil: null,
      agent: anna,
    };
    const { chat, push } = fakeChat(view({ agent: anna, promises: [promise] }));
    renderApp(chat);
    expect(screen.getByText('Anna is helping you')).toBeTruthy();
    const time = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }).format(
      due,
    );
    expect(screen.getByText(`Anna will get back to you by ${time}`)).toBeTruthy();
    expect(screen.queryByText('Kept')).toBeNull();

    const keptAt = new Date();
    push({
      conversation: view({
        agent: anna,
        promises: [{ ...promise, status: 'kept', keptAt: keptAt.toISOString() }],
      }),
    });
    expect(screen.getByText('Kept')).toBeTruthy();
    // A kept promise says when it was kept, no longer what was promised (issue 13).
    const keptTime = new Intl.DateTimeFormat(undefined, {
      hour: 'numeric',
      minute: '2-digit',
    }).format(keptAt);
    expect(screen.getByText(`Kept at ${keptTime}`)).toBeTruthy();
    expect(screen.queryByText(/will get back to you/)).toBeNull();
  });

  it('offers "That didn\'t happen" on a kept promise, and shows the dispute once sent', async () => {
    const kept = keptPromise();
    const { chat, push } = fakeChat(view({ agent: anna, promises: [kept] }));
    const disputed = view({
      agent: anna,
      promises: [
        keptPromise({
          status: 'disputed',
          disputedAt: new Date().toISOString(),
          disputableUntil: null,
        }),
      ],
    });
    // The server answers with the conversation, which the connection then shows.
    chat.dispute.mockImplementation(async () => {
      push({ conversation: disputed });
      return { ok: true, data: disputed };
    });
    renderApp(chat);

    const promises = screen.getByRole('list', { name: 'Promises' });
    expect(within(promises).getByText('Kept')).toBeTruthy();
    const button = within(promises).getByRole('button', { name: "That didn't happen" });
    // Which promise it is about, for a screen reader among several.
    expect(button.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(button.getAttribute('aria-describedby')!)?.textContent).toMatch(
      /^Kept at /,
    );

    fireEvent.click(button);
    expect(chat.dispute).toHaveBeenCalledWith('p1');
    const note = await within(promises).findByText("You said this didn't happen");
    expect(within(promises).queryByRole('button', { name: "That didn't happen" })).toBeNull();
    expect(within(promises).queryByText('Kept')).toBeNull();
    // The answer takes the place of the button, and the focus with it.
    await waitFor(() => expect(document.activeElement).toBe(note));
  });

  it('says so when the dispute fails, and lets the visitor try again', async () => {
    const { chat } = fakeChat(view({ agent: anna, promises: [keptPromise()] }));
    chat.dispute.mockResolvedValueOnce({
      ok: false,
      error: { code: 'conflict', message: 'too late' },
    });
    renderApp(chat);
    const button = screen.getByRole('button', { name: "That didn't happen" });
    fireEvent.click(button);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Something went wrong. Please try again.',
    );
    expect((button as HTMLButtonElement).disabled).toBe(false);
  });

  it('offers no dispute outside its window, nor of a promise not kept in time', () => {
    const past = new Date(Date.now() - 60_000).toISOString();
    const { chat } = fakeChat(
      view({
        agent: anna,
        promises: [
          keptPromise({ id: 'p1', disputableUntil: past }),
          keptPromise({ id: 'p2', disputableUntil: null }),
          keptPromise({ id: 'p3', status: 'pending', keptAt: null }),
          keptPromise({ id: 'p4', status: 'broken', keptAt: null }),
        ],
      }),
    );
    renderApp(chat);
    expect(screen.getAllByText(/^Kept at /)).toHaveLength(2);
    expect(screen.getAllByText(/^Anna will get back to you by/)).toHaveLength(2);
    expect(screen.queryByRole('button', { name: "That didn't happen" })).toBeNull();
  });

  it('"End chat" asks first, and "Keep chatting" or Escape takes the question back', () => {
    const { chat } = fakeChat(view({ agent: anna }));
    const { onClose } = renderApp(chat);
    fireEvent.click(screen.getByRole('button', { name: 'End chat' }));
    const question = screen.getByRole('group', { name: 'End this chat?' });
    // The question takes the focus, on the button that answers it.
    expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'End chat' }));
    expect(chat.end).not.toHaveBeenCalled();

    fireEvent.click(within(question).getByRole('button', { name: 'Keep chatting' }));
    expect(screen.queryByRole('group', { name: 'End this chat?' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'End chat' }));

    fireEvent.click(screen.getByRole('button', { name: 'End chat' }));
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('group', { name: 'End this chat?' })).toBeNull();
    expect(onClose).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'End chat' }));
    expect(chat.end).not.toHaveBeenCalled();
  });

  it('"End chat" ends the conversation once confirmed; once closed the rating card replaces the composer', () => {
    const { chat, push } = fakeChat(view({ agent: anna }));
    renderApp(chat);
    fireEvent.click(screen.getByRole('button', { name: 'End chat' }));
    fireEvent.click(
      within(screen.getByRole('group', { name: 'End this chat?' })).getByRole('button', {
        name: 'End chat',
      }),
    );
    expect(chat.end).toHaveBeenCalledTimes(1);

    const now = Date.now();
    push({
      conversation: view({
        agent: anna,
        status: 'closed',
        closedAt: new Date(now).toISOString(),
        reopenableUntil: new Date(now + 60 * 60_000).toISOString(),
      }),
    });
    expect(screen.getByRole('radiogroup', { name: 'How did this conversation end?' })).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Message' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'End chat' })).toBeNull();
    // Nobody is helping any more: the header says the chat ended (issue 13).
    const subtitle = document.querySelector('.pk-subtitle');
    expect(subtitle?.textContent).toBe('Chat ended');
    expect(screen.queryByText('Anna is helping you')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: "This isn't solved" }));
    expect(chat.reopen).toHaveBeenCalled();
  });

  it('keeps asking after the first answer is saved, and brings the composer back after thanks', async () => {
    const closedAt = new Date().toISOString();
    const closed = view({ agent: anna, status: 'closed', closedAt, reopenableUntil: closedAt });
    const { chat, push } = fakeChat(closed);
    const rating = {
      end: 4,
      peak: null,
      comment: null,
      at: closedAt,
      peakAnswered: false,
      finished: false,
      amendableUntil: closedAt,
    };
    chat.saveRating.mockImplementation(async () => ({ ok: true, data: rating }));
    renderApp(chat);
    fireEvent.click(screen.getByRole('radio', { name: 'Good' }));
    // The server pushes the conversation with its new rating: the card must not jump ahead.
    push({ conversation: { ...closed, rating } });
    expect(screen.getByText('What stood out most?')).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Message' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Skip' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send rating' }));
    await screen.findByText('Thank you!');
    expect(await screen.findByRole('textbox', { name: 'Message' })).toBeTruthy();
  });

  it('does not ask how a chat nobody answered ended: a closing note, and the composer stays', () => {
    const { chat, push } = fakeChat(view());
    renderApp(chat);
    fireEvent.click(screen.getByRole('button', { name: 'End chat' }));
    fireEvent.click(
      within(screen.getByRole('group', { name: 'End this chat?' })).getByRole('button', {
        name: 'End chat',
      }),
    );
    const now = new Date().toISOString();
    push({ conversation: view({ status: 'closed', closedAt: now, reopenableUntil: now }) });
    expect(screen.queryByRole('radiogroup')).toBeNull();
    const note = screen.getByText(/This chat ended before our team could reply/);
    expect(document.activeElement).toBe(note);
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeTruthy();
  });

  it('does not offer "This isn\'t solved" after the reopen window', () => {
    const past = new Date(Date.now() - 60_000).toISOString();
    const { chat } = fakeChat(view({ status: 'closed', closedAt: past, reopenableUntil: past }));
    renderApp(chat);
    expect(screen.queryByRole('button', { name: "This isn't solved" })).toBeNull();
  });

  it('closes on Escape', () => {
    const { chat } = fakeChat(null);
    const { onClose } = renderApp(chat);
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Message' }), { key: 'Escape' });
    expect(onClose).toHaveBeenCalled();
  });

  it('shows the agent typing, and a calm message when the chat is unavailable', () => {
    const { chat, push } = fakeChat(view({ agent: anna }));
    renderApp(chat);
    push({ typing: anna });
    expect(screen.getByText('Anna is typing…')).toBeTruthy();
    push({ status: 'unavailable', reason: 'unknown site' });
    expect(screen.getByRole('status').textContent).toBe(
      'Chat isn’t available right now. Please try again later.',
    );
  });
});
