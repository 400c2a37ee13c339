// @vitest-environment happy-dom
/**
 * The widget's outbox: a rating step is stored before it is sent, leaves only when the server has
 * answered, and is sent again (in order) until then, over the socket, over HTTP or by beacon.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Ack } from '../../shared/ack';
import type { RatingSave, RatingView } from '../../shared/protocol';
import { createRatingDelivery, type DeliveryOptions } from '../../widget/app/delivery';
import { createOutbox, OUTBOX_TTL_MS } from '../../widget/app/outbox';

const SITE = 'demo';
const stored = () =>
  JSON.parse(localStorage.getItem(`peakend:${SITE}:outbox`) ?? '[]') as unknown[];

function step(key: string, end = 4): RatingSave {
  return { conversationId: 'conv-1', key, end };
}

function accepted(save: RatingSave): Ack<RatingView> {
  return {
    ok: true,
    data: {
      end: save.end,
      peak: save.peak ?? null,
      comment: save.comment ?? null,
      peakAnswered: save.peak !== undefined,
      finished: save.finished === true,
      at: '2026-11-23T10:00:00.000Z',
      amendableUntil: '2026-11-23T10:10:00.000Z',
    },
  };
}

const deliveries: { destroy(): void }[] = [];

function delivery(options: Partial<DeliveryOptions>) {
  const made = createRatingDelivery({
    server: 'https://peakend.example',
    site: SITE,
    token: () => 'v-1.sig',
    socket: () => null,
    onAccepted: vi.fn(),
    ...options,
  });
  deliveries.push(made);
  return made;
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  deliveries.splice(0).forEach((d) => d.destroy());
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('rating outbox', () => {
  it('stores a step before sending it, and removes it once the server accepts it', async () => {
    const seen: unknown[][] = [];
    const onAccepted = vi.fn();
    const d = delivery({
      onAccepted,
      socket: () => async (save) => {
        seen.push(stored());
        return accepted(save);
      },
    });
    const answer = await d.save(step('k1'));
    expect(seen[0]).toHaveLength(1);
    expect(answer).toMatchObject({ ok: true, data: { end: 4 } });
    expect(stored()).toHaveLength(0);
    expect(onAccepted).toHaveBeenCalledWith(step('k1'), expect.objectContaining({ end: 4 }));
  });

  it('keeps a step the server did not answer, and sends the kept ones in order later', async () => {
    let up = false;
    const sent: string[] = [];
    const d = delivery({
      socket: () => async (save) => {
        sent.push(save.key);
        return up ? accepted(save) : { ok: false, error: { code: 'internal', message: 'down' } };
      },
    });
    expect(await d.save(step('k1', 2))).toBeNull();
    // The next step is not sent past the one still waiting: order decides which version counts.
    expect(await d.save(step('k2', 3))).toBeNull();
    expect(sent).toEqual(['k1', 'k1']);
    expect(stored()).toHaveLength(2);

    up = true;
    await d.flush();
    expect(sent).toEqual(['k1', 'k1', 'k1', 'k2']);
    expect(stored()).toHaveLength(0);
  });

  it('drops a step the server refuses for good, and reports the refusal', async () => {
    const d = delivery({
      socket: () => async () => ({
        ok: false,
        error: { code: 'conflict', message: 'This rating can no longer be changed.' },
      }),
    });
    const answer = await d.save(step('k1'));
    expect(answer).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(stored()).toHaveLength(0);
  });

  it('goes over HTTP as text/plain when the socket is not connected', async () => {
    const fetch = vi.fn(async (_url: string, init: RequestInit) => {
      const body = JSON.parse(init.body as string) as { ratings: RatingSave[] };
      return new Response(JSON.stringify({ results: body.ratings.map(accepted) }));
    });
    vi.stubGlobal('fetch', fetch);
    const d = delivery({});
    expect(await d.save(step('k1', 5))).toMatchObject({ ok: true });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('https://peakend.example/api/v1/sites/demo/ratings');
    expect(init.headers).toEqual({ 'Content-Type': 'text/plain;charset=UTF-8' });
    expect(init.credentials).toBe('omit');
    expect(init.keepalive).toBe(true);
    expect(JSON.parse(init.body as string)).toEqual({
      visitorToken: 'v-1.sig',
      ratings: [step('k1', 5)],
    });
  });

  it('keeps the step when HTTP fails too (offline, server down)', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const d = delivery({});
    expect(await d.save(step('k1'))).toBeNull();
    expect(stored()).toHaveLength(1);
  });

  it('hands what is left to a beacon when the page is hidden, and keeps it until answered', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const sendBeacon = vi.fn(() => true);
    Object.defineProperty(navigator, 'sendBeacon', { value: sendBeacon, configurable: true });
    const d = delivery({});
    await d.save(step('k1', 1));
    await d.save(step('k2', 2));

    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });

    expect(sendBeacon).toHaveBeenCalledTimes(1);
    const [url, body] = sendBeacon.mock.calls[0] as unknown as [string, string];
    expect(url).toBe('https://peakend.example/api/v1/sites/demo/ratings');
    expect(JSON.parse(body).ratings.map((r: RatingSave) => r.key)).toEqual(['k1', 'k2']);
    // No answer comes back from a beacon: the next page view sends them again.
    expect(stored()).toHaveLength(2);
  });

  it('is shared with the next page view, and forgets steps older than a week', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-23T10:00:00Z'));
    createOutbox(SITE).add(step('k1'));
    expect(createOutbox(SITE).list()).toEqual([step('k1')]);
    vi.setSystemTime(Date.now() + OUTBOX_TTL_MS);
    expect(createOutbox(SITE).list()).toEqual([]);
  });

  it('survives damaged or foreign storage', () => {
    localStorage.setItem(`peakend:${SITE}:outbox`, '{not json');
    expect(createOutbox(SITE).list()).toEqual([]);
    localStorage.setItem(`peakend:${SITE}:outbox`, JSON.stringify([{ save: 1 }, null]));
    const outbox = createOutbox(SITE);
    expect(outbox.list()).toEqual([]);
    outbox.add(step('k1'));
    expect(outbox.list()).toEqual([step('k1')]);
  });
});
