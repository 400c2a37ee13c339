// @vitest-environment happy-dom
/**
 * What the widget tells the agent about where the visitor writes from (issue 12, §5): the page,
 * its title, the referrer, language, time zone and device class, sent with the message that
 * starts a conversation and never with later ones; nothing that tells one browser from another.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VisitorConversationView } from '../../shared/protocol';
import { ZVisit } from '../../shared/visit';

const emitted: { event: string; payload: unknown }[] = [];
let answer: (event: string, payload: unknown) => unknown = () => undefined;

vi.mock('../../widget/app/socket', () => ({
  createSocket: () => {
    const handlers: Record<string, ((...args: unknown[]) => void)[]> = {};
    return {
      connected: true,
      active: true,
      on: (event: string, handler: (...args: unknown[]) => void) => {
        (handlers[event] ??= []).push(handler);
      },
      emit: () => undefined,
      emitWithAck: async (event: string, payload: unknown) => {
        emitted.push({ event, payload });
        return answer(event, payload);
      },
      connect: () => undefined,
      disconnect: () => undefined,
    };
  },
}));

const { connect } = await import('../../widget/app/connection');
const { visitContext } = await import('../../widget/app/visit');

function pointer(coarse: boolean) {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: coarse && query.includes('coarse'),
    media: query,
  }));
}

function conversationView(messages: number, status: 'open' | 'closed' = 'open') {
  return {
    id: 'conv-1',
    version: messages,
    status,
    messages: Array.from({ length: messages }, (_, i) => ({
      id: `m${i}`,
      from: 'visitor',
      text: `Message ${i}`,
      at: new Date().toISOString(),
      agent: null,
    })),
  } as unknown as VisitorConversationView;
}

beforeEach(() => {
  emitted.length = 0;
  history.replaceState(null, '', '/checkout?step=2#card-number');
  document.title = 'Checkout — Kestrel';
  pointer(false);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the visit the widget sends', () => {
  it('says the page, title, referrer, language, time zone and device class, nothing more', () => {
    const visit = visitContext();
    expect(Object.keys(visit).sort()).toEqual(
      ['device', 'language', 'pageTitle', 'pageUrl', 'referrer', 'timeZone'].sort(),
    );
    expect(visit.pageUrl).toBe(`${location.origin}/checkout?step=2`); // never the fragment
    expect(visit.pageTitle).toBe('Checkout — Kestrel');
    expect(visit.language).toBe(navigator.language);
    expect(visit.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(visit.device).toBe('desktop');
    // Nothing a fingerprint is made of.
    const sent = JSON.stringify(visit);
    expect(sent).not.toContain(navigator.userAgent);
    expect(sent).not.toMatch(/screen|platform|userAgent|plugins/i);
  });

  it('tells mobile from tablet by a coarse pointer and the viewport’s width', () => {
    pointer(true);
    vi.stubGlobal('innerWidth', 390);
    expect(visitContext().device).toBe('mobile');
    vi.stubGlobal('innerWidth', 1024);
    expect(visitContext().device).toBe('tablet');
    pointer(false);
    expect(visitContext().device).toBe('desktop');
  });

  it('goes with the message that starts a conversation, not with later ones', async () => {
    let messages = 0;
    answer = (event) =>
      event === 'message:send'
        ? { ok: true, data: conversationView(++messages) }
        : { ok: true, data: { visitorToken: 't', conversation: null } };
    const delivery = { save: vi.fn(), flush: vi.fn(async () => undefined) };
    const chat = connect('https://chat.example', 'demo', delivery as never);
    await chat.send('Where is my parcel?');
    await chat.send('Order 1234');
    const sends = emitted.filter((e) => e.event === 'message:send').map((e) => e.payload);
    expect(sends).toHaveLength(2);
    const first = sends[0] as { visit?: unknown };
    expect(first.visit).toMatchObject({
      pageUrl: `${location.origin}/checkout?step=2`,
      pageTitle: 'Checkout — Kestrel',
      device: 'desktop',
    });
    // What the widget sends is what the server keeps as it is.
    expect(ZVisit.safeParse({ ...(first.visit as object), referrer: undefined }).success).toBe(
      true,
    );
    expect(sends[1]).not.toHaveProperty('visit');
    chat.destroy();
  });
});
