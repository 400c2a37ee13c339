/**
 * Decayed sums per (subject, dimension), kept incrementally for the live path.
 *
 * At time τ an observation (v, w, t) contributes `w·v·d` to S and `λ·w·(1 − v)·d` to F, with
 * `d = 2^(−(τ − t)/H)`. Every contribution decays by the same factor as τ moves on, so the sums
 * are kept relative to a base time B: `S(τ) = s·2^(−(τ − B)/H)` where `s = Σ w·v·2^((t − B)/H)`.
 * Adding or removing an observation changes s and f by one term; reading at τ is one
 * multiplication. Both are O(1), however long the history.
 *
 * Why the care below. A late or amended fact re-derives its conversation: its old observations go
 * out and the new ones come in, so removing must undo adding exactly. With plain float sums it
 * only does so up to rounding relative to the largest term, and once the newest (largest) terms
 * are removed, what remains can be all rounding: the share S/(S + F) of an agent whose other
 * evidence is weeks old (short half-life) would be noise. So:
 * - s and f are exact sums (non-overlapping expansions of doubles, as in Shewchuk's and Python's
 *   `fsum`): adding then removing a term leaves them exactly as they were;
 * - each term is computed the same way whenever it is added or removed: `2^((t − anchor)/H)` is
 *   split into an integer number of half-lives k and a fraction, `term = w·v·2^fraction`, placed
 *   at `2^(k − B)`;
 * - B is a whole number of half-lives after the anchor, and moves forward (when an observation is
 *   more than REBASE_HALF_LIVES half-lives newer) by rescaling with a power of two, which is
 *   exact. So `2^(k − B)` never overflows, even with a half-life of minutes over years. Terms more
 *   than ~1000 half-lives older than B fall below the smallest double, as their weight does.
 *
 * Observations dated after the current clock (a Promise's broken observation at its due time is
 * known as soon as it is made) wait in a queue and are folded in by the first read at or after
 * their time, so live reads never count the future. Reads are meant for a non-decreasing τ (the
 * server's clock); a past τ is read from the store's observation rows instead (`SumsAt`).
 */
import type { SiteSettings } from '../settings';
import { DAY } from '../time';
import type { Observation, ScoredDimension } from './types';

/** Move the base when a new observation is this many half-lives past it (2^64 is safe). */
const REBASE_HALF_LIVES = 64;

/** The decayed sums of one subject (or the site) on one dimension, read at τ. */
export interface DecayedSums {
  /** Σ w·v·d */
  S: number;
  /** Σ λ·w·(1 − v)·d */
  F: number;
  /** Number of observations counted (not decayed). */
  n: number;
  /**
   * S / (S + F), computed before decay so it stays exact even when S and F themselves underflow
   * (old evidence, short half-life); null without evidence.
   */
  share: number | null;
}

export const EMPTY_SUMS: DecayedSums = { S: 0, F: 0, n: 0, share: null };

/** `x · 2^exponent` without overflowing the factor when x is tiny (or underflowing when huge). */
function scale(x: number, exponent: number): number {
  if (x === 0) return 0;
  if (Math.abs(exponent) < 1000) return x * 2 ** exponent;
  return 2 ** (Math.log2(x) + exponent);
}

/**
 * Adds x to an exact sum held as non-overlapping partials of increasing magnitude (Shewchuk's
 * grow-expansion). At most ~40 partials can exist in the double range, so this is O(1).
 */
function addExact(partials: number[], x: number): void {
  let i = 0;
  for (let y of partials) {
    if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
    const hi = x + y;
    const lo = y - (hi - x);
    if (lo !== 0) partials[i++] = lo;
    x = hi;
  }
  partials.length = i;
  if (x !== 0) partials.push(x);
}

/** The value of an exact sum (smallest partials first, so within an ulp or two). */
function valueOf(partials: readonly number[]): number {
  let total = 0;
  for (const p of partials) total += p;
  return total;
}

/** One observation's terms, placed at a whole number of half-lives after the anchor. */
interface Term {
  halfLives: number;
  s: number;
  f: number;
}

/** An accumulator as plain data: `[base, s partials, f partials, n]`. */
type AccumulatorData = [base: number, s: number[], f: number[], n: number];

/** One running pair of sums, relative to its base (half-lives after the anchor). */
class Accumulator {
  base = 0;
  s: number[] = [];
  f: number[] = [];
  n = 0;

  data(): AccumulatorData {
    return [this.base, this.s, this.f, this.n];
  }

  static from([base, s, f, n]: AccumulatorData): Accumulator {
    return Object.assign(new Accumulator(), { base, s: [...s], f: [...f], n });
  }

  apply(term: Term, sign: 1 | -1): void {
    if (sign === 1 && this.n === 0) {
      this.base = term.halfLives;
      this.s = [];
      this.f = [];
    } else if (sign === 1 && term.halfLives - this.base > REBASE_HALF_LIVES) {
      const shift = 2 ** (this.base - term.halfLives); // a power of two: rescaling is exact
      this.s = this.s.map((p) => p * shift).filter((p) => p !== 0);
      this.f = this.f.map((p) => p * shift).filter((p) => p !== 0);
      this.base = term.halfLives;
    }
    const place = 2 ** (term.halfLives - this.base);
    addExact(this.s, sign * term.s * place);
    addExact(this.f, sign * term.f * place);
    this.n += sign;
    if (this.n === 0) {
      this.s = [];
      this.f = [];
    }
  }

  /** The sums at τ, where τ is `halfLivesAfterAnchor` half-lives after the anchor. */
  read(halfLivesAfterAnchor: number): DecayedSums {
    if (this.n <= 0) return EMPTY_SUMS;
    // Exact sums of non-negative terms cannot go below 0; the guard is for the impossible.
    const s = Math.max(0, valueOf(this.s));
    const f = Math.max(0, valueOf(this.f));
    const exponent = this.base - halfLivesAfterAnchor;
    return {
      S: scale(s, exponent),
      F: scale(f, exponent),
      n: this.n,
      share: s + f > 0 ? s / (s + f) : null,
    };
  }
}

/** A min-heap of observations by time, for those dated after the clock. */
class Pending {
  private heap: Observation[] = [];

  /** The heap's array: a valid heap as it is, so it is stored and restored as it is. */
  data(): Observation[] {
    return this.heap;
  }

  static from(heap: readonly Observation[]): Pending {
    return Object.assign(new Pending(), { heap: [...heap] });
  }

  get size(): number {
    return this.heap.length;
  }

  push(obs: Observation): void {
    const heap = this.heap;
    heap.push(obs);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent];
      if (!p || p.at <= obs.at) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = obs;
  }

  peek(): Observation | undefined {
    return this.heap[0];
  }

  pop(): Observation | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let smallest = i;
      let smallestAt = last.at;
      const left = heap[l];
      const right = heap[r];
      if (left && left.at < smallestAt) {
        smallest = l;
        smallestAt = left.at;
      }
      if (right && right.at < smallestAt) smallest = r;
      if (smallest === i) break;
      heap[i] = heap[smallest] as Observation;
      i = smallest;
    }
    heap[i] = last;
    return top;
  }
}

/** Identity of an observation, to take out a pending one that was never folded in. */
const identity = (o: Observation): string =>
  JSON.stringify([o.subject, o.dimension, o.value, o.weight, o.at, o.cause]);

/** What scores are read from: decayed sums per subject, for the agents, and for the site. */
export interface SumsReader {
  /** One subject's sums at τ (null subject: the unassigned bucket). */
  read(subject: string | null, dimension: ScoredDimension, at: number): DecayedSums;
  /** The sums of the site's agents (the unassigned bucket left out): the team's. */
  readTeam(dimension: ScoredDimension, at: number): DecayedSums;
  /** The whole site's sums. */
  readSite(dimension: ScoredDimension, at: number): DecayedSums;
  /** Subjects with at least one observation counted at τ. */
  subjects(at: number): Set<string | null>;
}

/** Decayed sums per (subject, dimension), at one τ, as a database aggregated them. */
export interface SubjectSums extends DecayedSums {
  subject: string | null;
  dimension: ScoredDimension;
}

/**
 * Sums already read at one τ (the path for `scores?at=`: the store aggregates its observation
 * rows, so no conversation is derived again). The team's and the site's are the subjects' added.
 */
export class SumsAt implements SumsReader {
  private readonly bySubject = new Map<string, DecayedSums>();
  private readonly team = new Map<ScoredDimension, DecayedSums>();
  private readonly site = new Map<ScoredDimension, DecayedSums>();

  constructor(rows: readonly SubjectSums[]) {
    const add = (totals: Map<ScoredDimension, DecayedSums>, row: SubjectSums) => {
      const sum = totals.get(row.dimension) ?? EMPTY_SUMS;
      const S = sum.S + row.S;
      const F = sum.F + row.F;
      totals.set(row.dimension, { S, F, n: sum.n + row.n, share: S + F > 0 ? S / (S + F) : null });
    };
    for (const row of rows) {
      this.bySubject.set(key(row.subject, row.dimension), row);
      add(this.site, row);
      if (row.subject !== null) add(this.team, row);
    }
  }

  read(subject: string | null, dimension: ScoredDimension): DecayedSums {
    return this.bySubject.get(key(subject, dimension)) ?? EMPTY_SUMS;
  }

  readTeam(dimension: ScoredDimension): DecayedSums {
    return this.team.get(dimension) ?? EMPTY_SUMS;
  }

  readSite(dimension: ScoredDimension): DecayedSums {
    return this.site.get(dimension) ?? EMPTY_SUMS;
  }

  subjects(): Set<string | null> {
    return new Set([...this.bySubject.values()].map((row) => (row as SubjectSums).subject));
  }
}

const key = (subject: string | null, dimension: ScoredDimension) =>
  `${dimension}\n${subject ?? ''}\n${subject === null ? 0 : 1}`;

/**
 * Everything a ScoreSums holds, as JSON-safe data, with the settings it was built for: saved
 * with a change number, a start restores it instead of adding every observation again.
 */
export interface SumsSnapshot {
  halfLifeDays: number;
  negativityWeight: number;
  bySubject: [ScoredDimension, [string | null, AccumulatorData][]][];
  site: [ScoredDimension, AccumulatorData][];
  team: [ScoredDimension, AccumulatorData][];
  pending: Observation[];
  cancelled: [string, number][];
  /** Null: nothing read yet (−∞). */
  clock: number | null;
  anchor: number | null;
}

/**
 * The decayed sums of a whole site: per (subject, dimension) and for the site as a whole.
 * Built for one pair of settings (H, λ); when a site changes them, build it again from the
 * observations.
 */
export class ScoreSums implements SumsReader {
  private readonly halfLifeMs: number;
  private readonly lambda: number;
  private readonly bySubject = new Map<ScoredDimension, Map<string | null, Accumulator>>();
  private readonly site = new Map<ScoredDimension, Accumulator>();
  /** The site's agents only (no unassigned bucket): what the team mean is taken over. */
  private readonly team = new Map<ScoredDimension, Accumulator>();
  private pending = new Pending();
  /** Pending observations removed before their time: skipped when they come due. */
  private readonly cancelled = new Map<string, number>();
  /** The latest τ read (observations up to it are folded in). */
  private clock = -Infinity;
  /** Time from which half-lives are counted: the first observation's, fixed for good. */
  private anchor: number | null = null;

  constructor(private readonly settings: Pick<SiteSettings, 'halfLifeDays' | 'negativityWeight'>) {
    this.halfLifeMs = settings.halfLifeDays * DAY;
    this.lambda = settings.negativityWeight;
  }

  snapshot(): SumsSnapshot {
    const entries = (map: Map<ScoredDimension, Accumulator>) =>
      [...map].map(([dimension, acc]): [ScoredDimension, AccumulatorData] => [
        dimension,
        acc.data(),
      ]);
    return {
      halfLifeDays: this.settings.halfLifeDays,
      negativityWeight: this.settings.negativityWeight,
      bySubject: [...this.bySubject].map(([dimension, subjects]) => [
        dimension,
        [...subjects].map(([subject, acc]): [string | null, AccumulatorData] => [
          subject,
          acc.data(),
        ]),
      ]),
      site: entries(this.site),
      team: entries(this.team),
      pending: this.pending.data(),
      cancelled: [...this.cancelled],
      clock: Number.isFinite(this.clock) ? this.clock : null,
      anchor: this.anchor,
    };
  }

  /** The sums a snapshot holds; null when it was taken with other settings (H or λ). */
  static restore(
    settings: Pick<SiteSettings, 'halfLifeDays' | 'negativityWeight'>,
    snapshot: SumsSnapshot,
  ): ScoreSums | null {
    if (
      snapshot.halfLifeDays !== settings.halfLifeDays ||
      snapshot.negativityWeight !== settings.negativityWeight
    ) {
      return null;
    }
    const sums = new ScoreSums(settings);
    for (const [dimension, subjects] of snapshot.bySubject) {
      sums.bySubject.set(
        dimension,
        new Map(subjects.map(([subject, data]) => [subject, Accumulator.from(data)])),
      );
    }
    for (const [dimension, data] of snapshot.site) sums.site.set(dimension, Accumulator.from(data));
    for (const [dimension, data] of snapshot.team) sums.team.set(dimension, Accumulator.from(data));
    sums.pending = Pending.from(snapshot.pending);
    for (const [key, count] of snapshot.cancelled) sums.cancelled.set(key, count);
    sums.clock = snapshot.clock ?? -Infinity;
    sums.anchor = snapshot.anchor;
    return sums;
  }

  /** Counts an observation (from its time on). */
  add(obs: Observation): void {
    if (obs.at > this.clock) this.pending.push(obs);
    else this.apply(obs, 1);
  }

  /** Takes back an observation added earlier (same fields). */
  remove(obs: Observation): void {
    if (obs.at > this.clock) {
      const key = identity(obs);
      this.cancelled.set(key, (this.cancelled.get(key) ?? 0) + 1);
    } else {
      this.apply(obs, -1);
    }
  }

  /**
   * Folds in every pending observation dated at or before τ; later reads start from here.
   * Returns the observations that came due, so the live views can say what changed (a Promise
   * turning broken at its due time).
   */
  advanceTo(at: number): Observation[] {
    const due: Observation[] = [];
    if (at <= this.clock) return due;
    this.clock = at;
    for (let next = this.pending.peek(); next && next.at <= at; next = this.pending.peek()) {
      this.pending.pop();
      const key = identity(next);
      const skips = this.cancelled.get(key);
      if (skips) {
        if (skips === 1) this.cancelled.delete(key);
        else this.cancelled.set(key, skips - 1);
        continue;
      }
      this.apply(next, 1);
      due.push(next);
    }
    return due;
  }

  /** When the next pending observation falls due (it may have been taken back); null if none. */
  nextPendingAt(): number | null {
    return this.pending.peek()?.at ?? null;
  }

  /** One subject's sums at τ (null subject: the unassigned bucket). */
  read(subject: string | null, dimension: ScoredDimension, at: number): DecayedSums {
    this.advanceTo(at);
    return this.bySubject.get(dimension)?.get(subject)?.read(this.halfLivesAt(at)) ?? EMPTY_SUMS;
  }

  /** The site's sums at τ, over all its subjects. */
  readSite(dimension: ScoredDimension, at: number): DecayedSums {
    this.advanceTo(at);
    return this.site.get(dimension)?.read(this.halfLivesAt(at)) ?? EMPTY_SUMS;
  }

  /** The sums of the site's agents at τ (the unassigned bucket left out): the team's. */
  readTeam(dimension: ScoredDimension, at: number): DecayedSums {
    this.advanceTo(at);
    return this.team.get(dimension)?.read(this.halfLivesAt(at)) ?? EMPTY_SUMS;
  }

  /** Subjects with at least one observation counted at τ. */
  subjects(at: number): Set<string | null> {
    this.advanceTo(at);
    const subjects = new Set<string | null>();
    for (const bySubject of this.bySubject.values()) {
      for (const [subject, acc] of bySubject) if (acc.n > 0) subjects.add(subject);
    }
    return subjects;
  }

  private halfLivesAt(at: number): number {
    return (at - (this.anchor ?? at)) / this.halfLifeMs;
  }

  /** The same terms for the same observation, whenever it is added or removed. */
  private termOf(obs: Observation): Term {
    this.anchor ??= obs.at;
    const x = this.halfLivesAt(obs.at);
    const halfLives = Math.floor(x);
    const d = 2 ** (x - halfLives);
    return {
      halfLives,
      s: obs.weight * obs.value * d,
      f: this.lambda * obs.weight * (1 - obs.value) * d,
    };
  }

  private apply(obs: Observation, sign: 1 | -1): void {
    const term = this.termOf(obs);
    let bySubject = this.bySubject.get(obs.dimension);
    if (!bySubject) this.bySubject.set(obs.dimension, (bySubject = new Map()));
    let acc = bySubject.get(obs.subject);
    if (!acc) {
      if (sign === -1) return; // never counted: nothing to take back
      bySubject.set(obs.subject, (acc = new Accumulator()));
    }
    acc.apply(term, sign);
    if (acc.n === 0) bySubject.delete(obs.subject);

    const totals = obs.subject === null ? [this.site] : [this.site, this.team];
    for (const total of totals) {
      let sum = total.get(obs.dimension);
      if (!sum) total.set(obs.dimension, (sum = new Accumulator()));
      sum.apply(term, sign);
    }
  }
}
