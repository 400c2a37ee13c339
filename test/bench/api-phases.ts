/**
 * The HTTP phases on a running server: events/s through the events API, and /healthz while one
 * conversation grows to its fact limit and then sits at it taking events.
 */
import { performance } from 'node:perf_hooks';
import { DAY } from '../../shared/time';
import { conversation } from './history';
import { percentile } from './load';
import { ADMIN_TOKEN } from './processes';

/** Longest any one request may take: a server that stops answering ends the phase, not the bench. */
const TIMEOUT_MS = 30_000;

async function post(url: string, token: string, body: unknown) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** Events/s through the events API: batches of 1000, each durable before its answer. */
export async function eventsPerSecond(url: string, conversations: number): Promise<number> {
  const site = await post(`${url}/api/v1/sites`, ADMIN_TOKEN, {
    name: 'Bench',
    allowedOrigins: [],
  });
  const key = site.key as string;
  const base = `${url}/api/v1/sites/${site.siteId as string}/events`;
  const facts = Array.from({ length: conversations }, (_, i) =>
    conversation(`c${i}`, Date.now() - 20 * DAY + i * 60_000, `agent${i % 20}`),
  ).flat();
  const started = performance.now();
  for (let i = 0; i < facts.length; i += 1000) {
    await post(base, key, { events: facts.slice(i, i + 1000) });
  }
  return facts.length / ((performance.now() - started) / 1000);
}

/** /healthz answer times (ms), asked one after another while `load` runs, until it ends. */
async function healthzDuring(url: string, load: Promise<unknown>): Promise<number[]> {
  let done = false;
  void load.finally(() => (done = true));
  const times: number[] = [];
  while (!done) {
    const started = performance.now();
    await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(TIMEOUT_MS) }).catch(() => null);
    times.push(performance.now() - started);
  }
  await load;
  return times.sort((a, b) => a - b);
}

export interface BoundedConversation {
  idleP99: number;
  growingP99: number;
  fullP99: number;
  refused: number;
  accepted: number;
}

/**
 * The attack of one conversation grown to 100k events, which made each new event cost seconds
 * on the event loop for every tenant: now it holds at most its limit, each in-order event is
 * folded on in O(1), and a late one re-derives only its bounded conversation.
 */
export async function boundedConversation(
  url: string,
  quick: boolean,
): Promise<BoundedConversation> {
  const site = await post(`${url}/api/v1/sites`, ADMIN_TOKEN, {
    name: 'Full',
    allowedOrigins: [],
  });
  const base = `${url}/api/v1/sites/${site.siteId as string}/events`;
  const key = site.key as string;
  const start = Date.now() - DAY;
  let n = 0;
  const event = (fields: Record<string, unknown>, at = start + n * 10) => ({
    id: `full-${++n}`,
    conversationId: 'full',
    at: new Date(at).toISOString(),
    ...fields,
  });
  const send = (body: unknown) =>
    fetch(base, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    }).then(
      (r) => r.status,
      () => 0,
    );
  const message = (i: number) =>
    i % 2
      ? { type: 'message', from: 'visitor' }
      : { type: 'message', from: 'agent', agentId: 'a1' };

  const idle = await healthzDuring(url, new Promise((r) => setTimeout(r, quick ? 500 : 2000)));
  // Four clients at once, one event per request, as the attack did; every 50th arrives late.
  const grow = async (count: number, make: (i: number) => unknown) => {
    const statuses: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < count) {
          const i = next++;
          statuses.push(await send({ events: [make(i)] }));
        }
      }),
    );
    return statuses;
  };
  const limit = 2000;
  const growing = await healthzDuring(
    url,
    grow(limit, (i) =>
      i % 50 === 49 ? event(message(i), start + (i - 40) * 10 - 5) : event(message(i)),
    ),
  );
  const atLimit: number[] = [];
  const full = await healthzDuring(
    url,
    grow(quick ? 200 : 1000, (i) => {
      const kind = i % 3;
      if (kind === 0) return event(message(i)); // refused: 409 conversation_full
      return event({ type: kind === 1 ? 'conversation.closed' : 'conversation.reopened' });
    }).then((statuses) => atLimit.push(...statuses)),
  );
  return {
    idleP99: percentile(idle, 99),
    growingP99: percentile(growing, 99),
    fullP99: percentile(full, 99),
    refused: atLimit.filter((s) => s === 409).length,
    accepted: atLimit.filter((s) => s === 200).length,
  };
}
