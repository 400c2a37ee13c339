/**
 * A deliberately naive second implementation of shared/design/scoring.md, used as the oracle in
 * tests: written straight from the contract, sharing no code with shared/scoring (only the fact
 * schema, to read the wire form, and the Beta quantile library). It replays each conversation
 * with one simple loop and recomputes every sum from scratch at τ, with no incremental state and
 * no numerical care beyond the obvious; it is meant to be easy to check against the text, not
 * fast. If it and shared/scoring disagree, read the contract again before fixing either.
 */
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import { ZFact, type Fact, type FactInput } from '../../shared/facts';
import type { SiteSettings } from '../../shared/settings';

type Dim = 'responsiveness' | 'reliability' | 'experience';
const DIMS: Dim[] = ['responsiveness', 'reliability', 'experience'];
const DAY_MS = 24 * 60 * 60 * 1000;

interface Obs {
  subject: string | null;
  dim: Dim;
  v: number;
  w: number;
  t: number;
}

interface Rated {
  subject: string | null;
  end: number;
  t: number;
}

interface ReferenceDimension {
  score: number;
  low: number;
  high: number;
  n: number;
  own: { score: number | null; weight: number };
  team: { score: number; weight: number };
  tooLittleEvidence: boolean;
}

export interface ReferenceAgentRow {
  agentId: string;
  name: string;
  responsiveness: ReferenceDimension;
  reliability: ReferenceDimension;
  experience: ReferenceDimension;
  csat: { value: number | null; n: number };
}

export interface ReferenceScores {
  at: string;
  site: {
    responsiveness: { score: number | null; n: number };
    reliability: { score: number | null; n: number };
    experience: { score: number | null; n: number };
    csat: { value: number | null; n: number };
  };
  agents: ReferenceAgentRow[];
}

/** The observations and the counting rating of one conversation, by the contract's rules. */
function replay(facts: Fact[], s: SiteSettings): { obs: Obs[]; rating: Rated | null } {
  const sorted = [...facts].sort((a, b) => {
    if (a.at !== b.at) return a.at - b.at;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  const obs: Obs[] = [];
  let isOpen = true; // open from its first event
  let assignee: string | null = null;
  let lastCloseTime: number | null = null;
  // The answerable agent of the latest close: whom the visitor heard last, else the assignee.
  let answerable: string | null = null;
  // Every agent message that counted (sent while open): [time, author], and since the last reopen.
  const agentMessages: { t: number; who: string }[] = [];
  let sinceReopen: { t: number; who: string }[] = [];
  let waitFrom: number | null = null;
  let waitsSinceClose: { len: number; who: string | null }[] = [];
  const promisesMade: { promiseId: string; agentId: string; at: number; dueAt: number }[] = [];
  const keeps: { promiseId: string; t: number }[] = [];
  const disputes: { promiseId: string; t: number }[] = [];
  const ratingFacts: {
    fact: Extract<Fact, { type: 'rating' }>;
    subject: string | null;
    handled: boolean;
  }[] = [];

  for (const f of sorted) {
    if (f.type === 'conversation.assigned') {
      assignee = f.agentId;
    } else if (f.type === 'message') {
      if (!isOpen) continue;
      if (f.from === 'visitor') {
        if (waitFrom === null) waitFrom = f.at;
      } else {
        agentMessages.push({ t: f.at, who: f.agentId! });
        sinceReopen.push({ t: f.at, who: f.agentId! });
        if (waitFrom !== null) {
          waitsSinceClose.push({ len: (f.at - waitFrom) / 1000, who: f.agentId ?? null });
          waitFrom = null;
        }
      }
    } else if (f.type === 'promise.made') {
      // A promise id is used once per conversation: the first making (in order) counts.
      if (!promisesMade.some((p) => p.promiseId === f.promiseId)) {
        promisesMade.push({ promiseId: f.promiseId, agentId: f.agentId, at: f.at, dueAt: f.dueAt });
      }
    } else if (f.type === 'promise.kept') {
      keeps.push({ promiseId: f.promiseId, t: f.at });
    } else if (f.type === 'promise.disputed') {
      disputes.push({ promiseId: f.promiseId, t: f.at });
    } else if (f.type === 'conversation.closed') {
      if (!isOpen) continue;
      isOpen = false;
      if (waitFrom !== null) {
        waitsSinceClose.push({ len: (f.at - waitFrom) / 1000, who: assignee });
        waitFrom = null;
      }
      if (waitsSinceClose.length > 0) {
        let peakIndex = 0;
        for (let i = 0; i < waitsSinceClose.length; i++) {
          if (waitsSinceClose[i]!.len > waitsSinceClose[peakIndex]!.len) peakIndex = i;
        }
        const endIndex = waitsSinceClose.length - 1;
        const q = (len: number) => (len <= s.targetReplySeconds ? 1 : s.targetReplySeconds / len);
        const peakWait = waitsSinceClose[peakIndex]!;
        const endWait = waitsSinceClose[endIndex]!;
        if (peakIndex === endIndex) {
          obs.push({
            subject: endWait.who,
            dim: 'responsiveness',
            v: q(endWait.len),
            w: 1,
            t: f.at,
          });
        } else {
          obs.push({
            subject: peakWait.who,
            dim: 'responsiveness',
            v: q(peakWait.len),
            w: 0.5,
            t: f.at,
          });
          obs.push({
            subject: endWait.who,
            dim: 'responsiveness',
            v: q(endWait.len),
            w: 0.5,
            t: f.at,
          });
        }
      }
      waitsSinceClose = [];
      lastCloseTime = f.at;
      const heardLast = agentMessages[agentMessages.length - 1];
      answerable = heardLast ? heardLast.who : assignee;
    } else if (f.type === 'conversation.reopened') {
      if (isOpen) continue;
      isOpen = true;
      const lastWork = sinceReopen[sinceReopen.length - 1];
      if (
        lastWork &&
        lastCloseTime !== null &&
        f.at - lastCloseTime <= s.reopenWindowDays * DAY_MS
      ) {
        obs.push({ subject: lastWork.who, dim: 'reliability', v: 0, w: 1, t: f.at });
      }
      sinceReopen = [];
    } else if (f.type === 'rating') {
      const heardLast = agentMessages[agentMessages.length - 1];
      const subject = !isOpen ? answerable : heardLast ? heardLast.who : assignee;
      ratingFacts.push({ fact: f, subject, handled: agentMessages.length > 0 });
    }
  }

  let counting = 0;
  for (const p of promisesMade) {
    let earliest: number | null = null;
    for (const k of keeps) {
      if (k.promiseId === p.promiseId && (earliest === null || k.t < earliest)) earliest = k.t;
    }
    const onTime = earliest !== null && earliest <= p.dueAt;
    let disputedAt: number | null = null;
    if (onTime) {
      for (const d of disputes) {
        const inWindow = d.t >= earliest! && d.t <= earliest! + s.reopenWindowDays * DAY_MS;
        if (d.promiseId === p.promiseId && inWindow && (disputedAt === null || d.t < disputedAt)) {
          disputedAt = d.t;
        }
      }
    }
    const quick = onTime && disputedAt === null && earliest! - p.at < s.minPromiseSeconds * 1000;
    if (quick) continue;
    counting += 1;
    if (counting > s.maxPromisesPerConversation) continue;
    if (disputedAt !== null) {
      obs.push({ subject: p.agentId, dim: 'reliability', v: 0, w: 1, t: disputedAt });
    } else if (onTime) {
      obs.push({ subject: p.agentId, dim: 'reliability', v: 1, w: 1, t: earliest! });
    } else {
      obs.push({ subject: p.agentId, dim: 'reliability', v: 0, w: 1, t: p.dueAt });
    }
  }

  let rating: Rated | null = null;
  // Excluded and unhandled ratings are set aside before the amendment window is opened.
  const eligible = ratingFacts.filter((r) => r.handled && r.fact.excluded === undefined);
  if (eligible.length > 0) {
    const firstTime = eligible[0]!.fact.at;
    const inWindow = eligible.filter(
      (r) => r.fact.at <= firstTime + s.ratingAmendMinutes * 60 * 1000,
    );
    const counted = inWindow[inWindow.length - 1]!;
    const r = counted.fact;
    let p = r.end;
    if (r.peak && r.peak.polarity === 'positive') p = 5;
    if (r.peak && r.peak.polarity === 'negative') p = 1;
    obs.push({
      subject: counted.subject,
      dim: 'experience',
      v: ((p + r.end) / 2 - 1) / 4,
      w: 1,
      t: r.at,
    });
    if (
      r.peak &&
      (r.peak.dimension === 'responsiveness' || r.peak.dimension === 'reliability') &&
      s.voiceWeight > 0
    ) {
      obs.push({
        subject: counted.subject,
        dim: r.peak.dimension,
        v: r.peak.polarity === 'positive' ? 1 : 0,
        w: s.voiceWeight,
        t: r.at,
      });
    }
    rating = { subject: counted.subject, end: r.end, t: r.at };
  }
  return { obs, rating };
}

function interval(a: number, b: number): { low: number; high: number } {
  if (a > 0 && b > 0)
    return { low: 100 * betaQuantile(0.05, a, b), high: 100 * betaQuantile(0.95, a, b) };
  if (a > 0) return { low: 100, high: 100 };
  if (b > 0) return { low: 0, high: 0 };
  return { low: 0, high: 100 };
}

function csat(ratings: Rated[], tau: number): { value: number | null; n: number } {
  const recent = ratings.filter((r) => r.t > tau - 30 * DAY_MS && r.t <= tau);
  if (recent.length === 0) return { value: null, n: 0 };
  return {
    value: (100 * recent.filter((r) => r.end >= 4).length) / recent.length,
    n: recent.length,
  };
}

/**
 * Scores at `atIso` from the wire-form facts of a whole site (any order, duplicates allowed).
 * `agents` lists the site's agents first, in order; anyone else with an observation at τ follows,
 * by id, named by id.
 */
export function referenceScores(
  facts: FactInput[],
  settings: SiteSettings,
  atIso: string,
  agents: { id: string; name: string }[] = [],
): ReferenceScores {
  const tau = Date.parse(atIso);
  const byId = new Map<string, Fact>();
  for (const input of facts) {
    const fact = ZFact.parse(input);
    if (!byId.has(fact.id)) byId.set(fact.id, fact);
  }
  const conversations = new Map<string, Fact[]>();
  for (const fact of byId.values()) {
    const list = conversations.get(fact.conversationId) ?? [];
    list.push(fact);
    conversations.set(fact.conversationId, list);
  }

  let all: Obs[] = [];
  const ratings: Rated[] = [];
  for (const list of conversations.values()) {
    const { obs, rating } = replay(list, settings);
    all = all.concat(obs);
    if (rating) ratings.push(rating);
  }
  const counted = all.filter((o) => o.t <= tau);

  const H = settings.halfLifeDays * DAY_MS;
  const lambda = settings.negativityWeight;
  const m = settings.priorStrength;
  const sums = (list: Obs[]) => {
    let S = 0;
    let F = 0;
    for (const o of list) {
      const d = Math.pow(2, -(tau - o.t) / H);
      S += o.w * o.v * d;
      F += lambda * o.w * (1 - o.v) * d;
    }
    return { S, F, n: list.length };
  };

  const mu: Record<Dim, number> = { responsiveness: 0.5, reliability: 0.5, experience: 0.5 };
  const site = {} as ReferenceScores['site'];
  for (const dim of DIMS) {
    // The team mean is over the agents only; the site's own figure counts everything.
    const team = sums(counted.filter((o) => o.dim === dim && o.subject !== null));
    if (team.n > 0) mu[dim] = Math.min(0.95, Math.max(0.05, team.S / (team.S + team.F)));
    const { S, F, n } = sums(counted.filter((o) => o.dim === dim));
    site[dim] = { score: n > 0 ? (100 * S) / (S + F) : null, n };
  }
  site.csat = csat(ratings, tau);

  const known = new Set(agents.map((a) => a.id));
  const extra = new Set<string>();
  for (const o of counted) if (o.subject !== null && !known.has(o.subject)) extra.add(o.subject);
  const everyone = [...agents, ...[...extra].sort().map((id) => ({ id, name: id }))];

  const rows = everyone.map((agent) => {
    const row = { agentId: agent.id, name: agent.name } as ReferenceAgentRow;
    for (const dim of DIMS) {
      const { S, F, n } = sums(counted.filter((o) => o.dim === dim && o.subject === agent.id));
      let score: number;
      if (n === 0) score = 100 * mu[dim];
      else if (m === 0) score = (100 * S) / (S + F);
      else score = (100 * (S + m * mu[dim])) / (S + F + m);
      row[dim] = {
        score,
        ...interval(S + m * mu[dim], F + m * (1 - mu[dim])),
        n,
        // The two parts the score is a weighted mean of, and the display rule.
        own: { score: n > 0 && S + F > 0 ? (100 * S) / (S + F) : null, weight: S + F },
        team: { score: 100 * mu[dim], weight: m },
        tooLittleEvidence: n === 0 || S + F < m,
      };
    }
    row.csat = csat(
      ratings.filter((r) => r.subject === agent.id),
      tau,
    );
    return row;
  });

  return { at: new Date(tau).toISOString(), site, agents: rows };
}
