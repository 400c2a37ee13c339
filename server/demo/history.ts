/**
 * Six weeks of history for the demo site, made on its first start, so a newcomer sees the whole
 * loop at once: live scores that differ, trends over time, two segments of customers, promises
 * kept and broken, bad endings, and follow-up items in every state.
 *
 * Three agents with styles of their own: Anna answers fast and keeps her word; Ben is friendly
 * but slow to reply; Dana is quick and promises a lot, and not all of it is kept. Everything is
 * written as facts through the store (the same derivation as any source), from a fixed seed, so
 * every first start tells the same story, relative to now.
 */
import type { Fact, Peak } from '../../shared/facts';
import { DAY, HOUR, MINUTE } from '../../shared/time';
import type { Store, Site } from '../storage/store';

const DAYS = 42;
const CONVERSATIONS_PER_DAY = 7;

interface Style {
  id: string;
  /** First reply after this many minutes, give or take half. */
  replyMinutes: number;
  /** Share of conversations in which a promise is made, and of those kept in time. */
  promises: number;
  keeps: number;
  /** Added to the face a visitor picks (warmth, or the lack of it). */
  mood: number;
}

const STYLES: readonly Style[] = [
  { id: 'anna', replyMinutes: 1.5, promises: 0.3, keeps: 0.95, mood: 0.4 },
  { id: 'ben', replyMinutes: 11, promises: 0.2, keeps: 0.85, mood: 0.2 },
  { id: 'dana', replyMinutes: 2, promises: 0.55, keeps: 0.6, mood: 0 },
];

const QUESTIONS: readonly { text: string; reply: string; promise: string }[] = [
  {
    text: 'Where is my order? It was due yesterday.',
    reply: 'Let me look it up for you right away.',
    promise: 'Send you the tracking link',
  },
  {
    text: 'Can I exchange these hiking boots for a size 43?',
    reply: 'Of course, I can set that up.',
    promise: 'Email you the exchange label',
  },
  {
    text: 'The tent pole arrived broken.',
    reply: "I'm sorry to hear that. Could you send a photo?",
    promise: 'Ship a replacement pole',
  },
  {
    text: 'Do you ship to Norway?',
    reply: 'We do: 3 to 5 working days.',
    promise: 'Confirm the customs costs',
  },
  {
    text: 'I was charged twice for one jacket.',
    reply: 'That should not happen. Checking the payment now.',
    promise: 'Refund the second charge',
  },
  {
    text: 'Is the down sleeping bag warm enough for −10 °C?',
    reply: 'The Polar 900 is rated to −15 °C comfort.',
    promise: 'Send you the temperature chart',
  },
];

const COMMENTS = {
  bad: [
    'Still waiting for the refund I was promised.',
    'Took ages to get an answer.',
    'Nobody followed up as promised.',
  ],
  good: ['Quick and friendly, thanks!', 'Solved in two minutes.', 'Anna was great.'],
};

/** A small deterministic generator (mulberry32): the same demo on every first start. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One of a list that is never empty (the lists above). */
function pick<T>(r: () => number, list: readonly T[]): T {
  const chosen = list[Math.floor(r() * list.length)];
  if (chosen === undefined) throw new Error('nothing to pick from');
  return chosen;
}

/** One conversation's facts: opened at `start` by a visitor of `segment`, answered by `style`. */
function conversation(r: () => number, n: number, start: number, now: number): Fact[] {
  const style = pick(r, STYLES);
  const business = r() < 0.4;
  const id = `demo-${String(n).padStart(4, '0')}`;
  const question = pick(r, QUESTIONS);
  const facts: Fact[] = [];
  let seq = 0;
  const add = (at: number, fact: Record<string, unknown>) =>
    facts.push({ id: `${id}-${seq++}`, conversationId: id, at: Math.round(at), ...fact } as Fact);

  add(start, {
    type: 'conversation.opened',
    visitorId: `demo-visitor-${n}`,
    segment: business ? 'business' : 'consumer',
    attributes: { plan: business ? 'pro' : 'free' },
  });
  add(start + 1_000, { type: 'message', from: 'visitor', text: question.text });
  // Visitors of the last minutes are still waiting: the inbox has someone to answer.
  if (start > now - 20 * MINUTE) return facts;
  const waited = style.replyMinutes * (0.5 + r()) * MINUTE;
  let t = start + 1_000 + waited;
  add(t, { type: 'conversation.assigned', agentId: style.id });
  add(t + 500, { type: 'message', from: 'agent', agentId: style.id, text: question.reply });
  t += 2 * MINUTE + r() * 4 * MINUTE;

  let promise: 'kept' | 'broken' | null = null;
  if (r() < style.promises) {
    const dueAt = t + HOUR + r() * 3 * HOUR;
    add(t, {
      type: 'promise.made',
      promiseId: 'p1',
      agentId: style.id,
      dueAt: Math.round(dueAt),
      text: question.promise,
    });
    const kept = r() < style.keeps;
    promise = kept ? 'kept' : 'broken';
    const keptAt = kept ? t + (dueAt - t) * r() : dueAt + 2 * HOUR + r() * DAY;
    if (keptAt <= now && (kept || r() < 0.5)) {
      add(keptAt, { type: 'promise.kept', promiseId: 'p1', agentId: style.id });
    }
  }
  add(t + MINUTE, { type: 'conversation.closed', agentId: style.id });
  const closedAt = t + MINUTE;
  if (closedAt > now - 10 * MINUTE || r() > 0.75) return facts.filter((f) => f.at <= now);

  // The face: the wait and the promise shape it, the agent's manner nudges it. Business
  // customers forgive a wait but not a broken promise; consumers the other way round.
  const broken = promise === 'broken';
  const slow = waited > (business ? 10 : 4) * MINUTE;
  let score = 4.3 + style.mood - waited / ((business ? 12 : 4) * MINUTE);
  if (broken) score -= business ? 2.8 : 0.8;
  score += (r() - 0.5) * 1.6;
  const end = Math.max(1, Math.min(5, Math.round(score)));
  const peak: Peak | undefined =
    end <= 2
      ? broken && (business || !slow)
        ? { dimension: 'reliability', polarity: 'negative' }
        : { dimension: 'responsiveness', polarity: 'negative' }
      : end >= 4 && r() < 0.7
        ? pick<Peak>(r, [
            { dimension: 'responsiveness', polarity: 'positive' },
            { dimension: 'empathy', polarity: 'positive' },
            { dimension: 'competence', polarity: 'positive' },
          ])
        : undefined;
  const comment = r() < 0.35 ? pick(r, end <= 2 ? COMMENTS.bad : COMMENTS.good) : undefined;
  add(closedAt + 30_000, {
    type: 'rating',
    end,
    ...(peak && { peak }),
    ...(comment && { comment }),
  });
  // Now and then the fix did not hold: "This isn't solved".
  if (end <= 3 && r() < 0.15 && closedAt + DAY < now) {
    add(closedAt + 20 * HOUR, { type: 'conversation.reopened' });
    add(closedAt + 21 * HOUR, { type: 'conversation.closed', agentId: style.id });
  }
  return facts.filter((f) => f.at <= now);
}

/** The demo's conversations: about seven a day for six weeks, in working hours, and two now. */
export function demoHistory(now: number): Fact[][] {
  const r = random(20261129);
  const firstDay = Math.floor(now / DAY) * DAY - DAYS * DAY;
  const conversations: Fact[][] = [];
  for (let day = 0; day <= DAYS; day++) {
    for (let i = 0; i < CONVERSATIONS_PER_DAY; i++) {
      const start = firstDay + day * DAY + 8 * HOUR + r() * 10 * HOUR;
      if (start > now - 20 * MINUTE) continue;
      conversations.push(conversation(r, conversations.length + 1, start, now));
    }
  }
  // Whatever the hour: two visitors who wrote a few minutes ago, waiting for an answer.
  for (const minutesAgo of [12, 4]) {
    conversations.push(conversation(r, conversations.length + 1, now - minutesAgo * MINUTE, now));
  }
  return conversations;
}

/**
 * Writes the history on the demo site's first start (a site with no conversation yet), then
 * works its follow-up queue as a team would have: the older items resolved or contacted, with
 * notes, a few dismissed, the recent ones new.
 */
export async function seedDemoHistory(store: Store, site: Site, now: number): Promise<void> {
  if ((await store.lastChange(site.id)) > 0) return;
  // All at once: the store commits them together (group commit, or one batch per site).
  await Promise.all(demoHistory(now).map((facts) => store.recordFacts(site, facts)));

  const items = await store.listFollowups(site.id, { until: now, limit: 500 });
  items.sort((a, b) => a.at - b.at);
  for (const [i, item] of items.entries()) {
    const age = (now - item.at) / DAY;
    if (age < 4) continue; // recent: still new
    const by = item.agentId === 'dana' ? 'anna' : (item.agentId ?? 'anna');
    const state =
      i % 9 === 0
        ? ({
            status: 'dismissed',
            dismissal: 'Duplicate of an earlier ticket',
            notes: [],
          } as const)
        : age > 10 || i % 2 === 0
          ? ({
              status: 'resolved',
              dismissal: null,
              notes: [{ at: item.at + DAY, by, text: 'Called the customer; sorted it out.' }],
            } as const)
          : ({
              status: 'contacted',
              dismissal: null,
              notes: [{ at: item.at + HOUR, by, text: 'Emailed an apology; waiting to hear.' }],
            } as const);
    // Handled when its note says (a dismissal, a day on): the report's weeks show the work done.
    const handledAt = Math.min(now, state.notes[0]?.at ?? item.at + DAY);
    await store.changeFollowup(site.id, item.id, handledAt, () => ({
      ...state,
      ownerId: state.status === 'dismissed' ? null : by,
      notes: [...state.notes],
    }));
  }
}
