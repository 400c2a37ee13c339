/**
 * Trends from daily figures (issue #11 §3): a trend point is the score at the bucket's end by
 * the same model as `scores?at=`, read from each local day's evidence instead of every
 * observation, so a year of weekly points costs the days of that year, not the site's history.
 *
 * A day is (its midnight, the next midnight] in the site's time zone (shared/zoned.ts). For each
 * day, subject and dimension, `trend_days` holds what `sumsAt` holds for a group: the count, and
 * s and f relative to the day's latest observation. Days combine exactly as observations do,
 * relative to the latest of them, so the sums at a midnight are those of `sumsAt` to within
 * rounding. `trend_rating_days` counts each day's counting ratings per agent for CSAT.
 *
 * Both are written in the transaction that writes the observation rows (record.ts): the days a
 * write touched are summed again from their observation rows (indexed by subject and time), and
 * rating counts move by one. A new time zone, half-life or λ builds the site's days again.
 */
import { sql, type Kysely } from 'kysely';
import type { CountedRating } from '../../shared/scoring/ratings';
import { isSatisfied } from '../../shared/scoring/ratings';
import type { ScoredDimension } from '../../shared/scoring/types';
import type { SiteSettings } from '../../shared/settings';
import { DAY } from '../../shared/time';
import { addDays, dayEnds, localDate, startOfDate } from '../../shared/zoned';
import { sharedObservations, type SumsRow } from './derive';
import type { Derived } from './dialect';
import type { Tables } from './tables';

type Db = Kysely<Tables>;

/** What the days are summed by: a change to any of them builds the site's days again. */
export type TrendSettings = Pick<SiteSettings, 'timeZone' | 'halfLifeDays' | 'negativityWeight'>;

export const trendSettingsChanged = (a: TrendSettings, b: TrendSettings): boolean =>
  a.timeZone !== b.timeZone ||
  a.halfLifeDays !== b.halfLifeDays ||
  a.negativityWeight !== b.negativityWeight;

/** The unassigned bucket's key in the day tables (agent ids are never empty). */
const UNASSIGNED = '';
const subjectKey = (subject: string | null) => subject ?? UNASSIGNED;
const subjectOf = (key: string) => (key === UNASSIGNED ? null : key);

/** The start of the day that ends at `dayEnd`. */
export const dayStartOf = (dayEnd: number, zone: string): number =>
  startOfDate(addDays(localDate(dayEnd, zone), -1), zone);

interface ObservationRow {
  dimension: string;
  value: number;
  weight: number;
  at: number;
}

/**
 * One group's figures, as `sumsAt` takes them: n, and s, f relative to the group's latest
 * observation.
 */
function sumGroup(rows: readonly ObservationRow[], settings: TrendSettings) {
  const halfLifeMs = settings.halfLifeDays * DAY;
  let latest = -Infinity;
  for (const row of rows) latest = Math.max(latest, row.at);
  let s = 0;
  let f = 0;
  for (const { value, weight, at } of rows) {
    const d = 2 ** ((at - latest) / halfLifeMs);
    s += weight * value * d;
    f += settings.negativityWeight * weight * (1 - value) * d;
  }
  return { n: rows.length, s, f, latest };
}

/** Day rows from observation rows of one subject: by day, then dimension. */
function dayRows(
  siteId: string,
  subject: string | null,
  rows: readonly ObservationRow[],
  settings: TrendSettings,
  dayEndOf: (at: number) => number,
) {
  const groups = new Map<string, { dayEnd: number; dimension: string; rows: ObservationRow[] }>();
  for (const row of rows) {
    const dayEnd = dayEndOf(row.at);
    const key = `${dayEnd} ${row.dimension}`;
    const group = groups.get(key);
    if (group) group.rows.push(row);
    else groups.set(key, { dayEnd, dimension: row.dimension, rows: [row] });
  }
  return [...groups.values()].map(({ dayEnd, dimension, rows }) => ({
    siteId,
    dayEnd,
    subject: subjectKey(subject),
    dimension,
    ...sumGroup(rows, settings),
  }));
}

/** Rows to insert in chunks small enough for either database's parameter limit. */
async function insertChunks(
  db: Db,
  table: 'trendDays' | 'trendRatingDays',
  rows: readonly (Tables['trendDays'] | Tables['trendRatingDays'])[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    // The rows are of `table`: Kysely cannot tie the two types together here.
    await db
      .insertInto(table)
      .values(rows.slice(i, i + 500) as never)
      .execute();
  }
}

/** The observations of one subject in (from, to], oldest first. */
const observationsOf = (db: Db, siteId: string, subject: string | null, from: number, to: number) =>
  db
    .selectFrom('observations')
    .select(['dimension', 'value', 'weight', 'at'])
    .where('siteId', '=', siteId)
    .where('subject', subject === null ? 'is' : '=', subject)
    .where('at', '>', from)
    .where('at', '<=', to)
    .execute();

/**
 * Marks the days these conversations' new derivations touched (their old and new observations
 * past those they share) to be summed again at the next trends read (`settleTrendDays`), and
 * moves their ratings' day counts. In the caller's write transaction, after the observation rows
 * are written.
 *
 * A day is summed when read, not here: a busy day is touched by every batch of the day, and
 * summing it again each time read all of its observations in every write.
 */
export async function refreshTrendDays(
  db: Db,
  siteId: string,
  settings: TrendSettings,
  derived: readonly Derived[],
): Promise<void> {
  const zone = settings.timeZone;
  const dayEndOf = dayEnds(zone);
  const touched = new Map<string, { subject: string | null; dayEnd: number }>();
  const ratings = new Map<string, { agentId: string; dayEnd: number; n: number; sat: number }>();
  const moveRating = (rating: CountedRating, by: 1 | -1) => {
    const dayEnd = dayEndOf(rating.at);
    const agentId = subjectKey(rating.agentId);
    const key = `${dayEnd} ${agentId}`;
    const count = ratings.get(key) ?? { agentId, dayEnd, n: 0, sat: 0 };
    count.n += by;
    if (isSatisfied(rating.end)) count.sat += by;
    ratings.set(key, count);
  };
  for (const { before, evidence } of derived) {
    const kept = sharedObservations(before?.observations, evidence.observations);
    for (const o of [
      ...(before?.observations.slice(kept) ?? []),
      ...evidence.observations.slice(kept),
    ]) {
      const dayEnd = dayEndOf(o.at);
      touched.set(`${dayEnd} ${subjectKey(o.subject)}`, { subject: o.subject, dayEnd });
    }
    const [was, is] = [before?.rating ?? null, evidence.rating];
    if (JSON.stringify(was) !== JSON.stringify(is)) {
      if (was) moveRating(was, -1);
      if (is) moveRating(is, 1);
    }
  }

  const dirty = [...touched.values()].map(({ subject, dayEnd }) => ({
    siteId,
    dayEnd,
    subject: subjectKey(subject),
  }));
  for (let i = 0; i < dirty.length; i += 500) {
    await db
      .insertInto('trendDirty')
      .values(dirty.slice(i, i + 500))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  for (const { agentId, dayEnd, n, sat } of ratings.values()) {
    if (n === 0 && sat === 0) continue;
    await db
      .insertInto('trendRatingDays')
      .values({ siteId, dayEnd, agentId, n, satisfied: sat })
      .onConflict((oc) =>
        oc.columns(['siteId', 'dayEnd', 'agentId']).doUpdateSet((eb) => ({
          n: sql<number>`${eb.ref('trendRatingDays.n')} + ${n}`,
          satisfied: sql<number>`${eb.ref('trendRatingDays.satisfied')} + ${sat}`,
        })),
      )
      .execute();
  }
  if (ratings.size > 0) {
    await db
      .deleteFrom('trendRatingDays')
      .where('siteId', '=', siteId)
      .where('n', '<=', 0)
      .execute();
  }
}

/**
 * Sums again the site's days that writes marked (`refreshTrendDays`), from their observation
 * rows; before a trends read, in a transaction that holds the site as writers do.
 */
export async function settleTrendDays(
  trx: Db,
  siteId: string,
  settings: TrendSettings,
): Promise<void> {
  const dirty = await trx
    .selectFrom('trendDirty')
    .select(['dayEnd', 'subject'])
    .where('siteId', '=', siteId)
    .execute();
  if (dirty.length === 0) return;
  const fresh: Tables['trendDays'][] = [];
  for (const { dayEnd, subject: key } of dirty) {
    const subject = subjectOf(key);
    await trx
      .deleteFrom('trendDays')
      .where('siteId', '=', siteId)
      .where('dayEnd', '=', dayEnd)
      .where('subject', '=', key)
      .execute();
    const rows = await observationsOf(
      trx,
      siteId,
      subject,
      dayStartOf(dayEnd, settings.timeZone),
      dayEnd,
    );
    fresh.push(...dayRows(siteId, subject, rows, settings, () => dayEnd));
  }
  await insertChunks(trx, 'trendDays', fresh);
  await trx.deleteFrom('trendDirty').where('siteId', '=', siteId).execute();
}

/**
 * Builds a site's days again from all its observations and ratings (a new time zone, half-life
 * or λ), one subject at a time. In the caller's transaction.
 */
export async function rebuildTrendDays(db: Db, siteId: string, settings: TrendSettings) {
  const zone = settings.timeZone;
  await db.deleteFrom('trendDays').where('siteId', '=', siteId).execute();
  await db.deleteFrom('trendRatingDays').where('siteId', '=', siteId).execute();
  const subjects = await db
    .selectFrom('observations')
    .select('subject')
    .distinct()
    .where('siteId', '=', siteId)
    .execute();
  for (const { subject } of subjects) {
    const rows = await db
      .selectFrom('observations')
      .select(['dimension', 'value', 'weight', 'at'])
      .where('siteId', '=', siteId)
      .where('subject', subject === null ? 'is' : '=', subject)
      .orderBy('at')
      .execute();
    await insertChunks(db, 'trendDays', dayRows(siteId, subject, rows, settings, dayEnds(zone)));
  }
  const rated = await db
    .selectFrom('conversations')
    .select(['ratingAgentId', 'ratingEnd', 'ratingAt'])
    .where('siteId', '=', siteId)
    .where('ratingAt', 'is not', null)
    .where('ratingEnd', 'is not', null)
    .orderBy('ratingAt')
    .execute();
  const dayEndOf = dayEnds(zone);
  const counts = new Map<string, Tables['trendRatingDays']>();
  for (const { ratingAgentId, ratingEnd, ratingAt } of rated) {
    const dayEnd = dayEndOf(ratingAt ?? 0);
    const agentId = subjectKey(ratingAgentId);
    const key = `${dayEnd} ${agentId}`;
    const count = counts.get(key) ?? { siteId, dayEnd, agentId, n: 0, satisfied: 0 };
    count.n += 1;
    if (isSatisfied(ratingEnd ?? 0)) count.satisfied += 1;
    counts.set(key, count);
  }
  await insertChunks(db, 'trendRatingDays', [...counts.values()]);
}

/** A group's running figures relative to its latest observation, as `SumsRow`. */
type Running = Omit<SumsRow, 'subject' | 'dimension'>;

/** Adds figures relative to a later (or equal) latest time onto running ones. */
function combine(into: Running | undefined, add: Running, halfLifeMs: number): Running {
  if (!into) return { ...add };
  const [old, young] = into.latest <= add.latest ? [into, add] : [add, into];
  const d = 2 ** ((old.latest - young.latest) / halfLifeMs);
  return {
    n: old.n + young.n,
    s: old.s * d + young.s,
    f: old.f * d + young.f,
    latest: young.latest,
  };
}

/** CSAT counts of one agent (or the site) in a window. */
export interface RatingCount {
  n: number;
  satisfied: number;
}

/** What a trend bucket is assembled from: its end's sums and its CSAT window's counts. */
export interface TrendPoint {
  end: number;
  sums: SumsRow[];
  /** Counting ratings in (end − 30 days, end], by rated agent (null: unassigned). */
  ratings: Map<string | null, RatingCount>;
}

/**
 * The sums and rating counts at each end (ascending, none after `now`): ends at local midnights
 * read whole days; an end between midnights (the current bucket's, now) adds the part of its day
 * from the observation and rating rows themselves.
 */
export async function trendPoints(
  db: Db,
  siteId: string,
  ends: readonly number[],
  settings: TrendSettings,
  csatWindowMs: number,
): Promise<TrendPoint[]> {
  const first = ends[0];
  const last = ends.at(-1);
  if (first === undefined || last === undefined) return [];
  const zone = settings.timeZone;
  const halfLifeMs = settings.halfLifeDays * DAY;
  const dayEndOf = dayEnds(zone);
  /** The last midnight at or before an instant. */
  const midnightUpTo = (at: number) => {
    const end = dayEndOf(at);
    return end === at ? at : dayStartOf(end, zone);
  };

  // Every day up to the first end, summed in the database per group (as sumsAt sums
  // observations, relative to the group's latest day); the days after it, one row each.
  const firstWhole = midnightUpTo(first);
  const lastWhole = midnightUpTo(last);
  const { rows: before } = await sql<{
    subject: string;
    dimension: string;
    n: number | string;
    s: number;
    f: number;
    latest: number | string;
  }>`
    WITH latest AS (
      SELECT subject, dimension, max(latest) AS latest FROM trend_days
      WHERE site_id = ${siteId} AND day_end <= ${firstWhole} GROUP BY subject, dimension)
    SELECT d.subject, d.dimension, sum(d.n) AS n, l.latest,
      sum(d.s * power(2, (d.latest - l.latest) / CAST(${halfLifeMs} AS DOUBLE PRECISION))) AS s,
      sum(d.f * power(2, (d.latest - l.latest) / CAST(${halfLifeMs} AS DOUBLE PRECISION))) AS f
    FROM trend_days d JOIN latest l ON l.subject = d.subject AND l.dimension = d.dimension
    WHERE d.site_id = ${siteId} AND d.day_end <= ${firstWhole}
    GROUP BY d.subject, d.dimension, l.latest`.execute(db);
  const days = await db
    .selectFrom('trendDays')
    .select(['dayEnd', 'subject', 'dimension', 'n', 's', 'f', 'latest'])
    .where('siteId', '=', siteId)
    .where('dayEnd', '>', firstWhole)
    .where('dayEnd', '<=', lastWhole)
    .orderBy('dayEnd')
    .execute();

  const running = new Map<string, Running & { subject: string; dimension: string }>();
  const add = (subject: string, dimension: string, figures: Running) => {
    const key = `${dimension} ${subject}`;
    running.set(key, { subject, dimension, ...combine(running.get(key), figures, halfLifeMs) });
  };
  for (const row of before) {
    add(row.subject, row.dimension, {
      n: Number(row.n),
      s: Number(row.s),
      f: Number(row.f),
      latest: Number(row.latest),
    });
  }

  // CSAT windows: counts per agent of whole days, by cumulative sums over the days read.
  const windows = ends.map((end) => ({ from: end - csatWindowMs, to: end }));
  const ratingDays = await db
    .selectFrom('trendRatingDays')
    .select(['dayEnd', 'agentId', 'n', 'satisfied'])
    .where('siteId', '=', siteId)
    .where('dayEnd', '>', midnightUpTo(first - csatWindowMs))
    .where('dayEnd', '<=', lastWhole)
    .orderBy('dayEnd')
    .execute();
  const cumulative = cumulativeCounts(ratingDays);

  const points: TrendPoint[] = [];
  let next = 0;
  for (const [i, end] of ends.entries()) {
    const whole = midnightUpTo(end);
    for (; next < days.length && (days[next]?.dayEnd ?? Infinity) <= whole; next++) {
      const day = days[next];
      if (day) add(day.subject, day.dimension, day);
    }
    const sums = new Map(running);
    if (whole < end) {
      // Part of a day: its observations up to the end, from their rows.
      for (const part of await partOfDay(db, siteId, whole, end, settings)) {
        const key = `${part.dimension} ${part.subject}`;
        const figures = combine(sums.get(key), part, halfLifeMs);
        sums.set(key, { ...part, ...figures });
      }
    }
    const window = windows[i] as { from: number; to: number };
    points.push({
      end,
      sums: [...sums.values()].map((row) => ({
        ...row,
        subject: subjectOf(row.subject),
        dimension: row.dimension as ScoredDimension,
      })),
      ratings: await windowCounts(db, siteId, window.from, window.to, cumulative, {
        dayEndOf,
        midnightUpTo,
      }),
    });
  }
  return points;
}

/** The observations in (from, to] per subject and dimension, summed as a day is. */
async function partOfDay(
  db: Db,
  siteId: string,
  from: number,
  to: number,
  settings: TrendSettings,
) {
  // Only subjects with evidence that day, each through its index.
  const subjects = await db
    .selectFrom('trendDays')
    .select('subject')
    .distinct()
    .where('siteId', '=', siteId)
    .where('dayEnd', '>', from)
    .where('dayEnd', '<=', from + 2 * DAY)
    .execute();
  const parts: (Running & { subject: string; dimension: string })[] = [];
  for (const { subject } of subjects) {
    const rows = await observationsOf(db, siteId, subjectOf(subject), from, to);
    for (const row of dayRows(siteId, subjectOf(subject), rows, settings, () => to))
      parts.push(row);
  }
  return parts;
}

/** Per day end (ascending), each agent's ratings counted from the first day read through it. */
function cumulativeCounts(rows: readonly Omit<Tables['trendRatingDays'], 'siteId'>[]) {
  const ends: number[] = [];
  const totals: Map<string, RatingCount>[] = [];
  let current = new Map<string, RatingCount>();
  for (const row of rows) {
    if (ends.at(-1) !== row.dayEnd) {
      current = new Map([...current].map(([k, v]) => [k, { ...v }]));
      ends.push(row.dayEnd);
      totals.push(current);
    }
    const count = current.get(row.agentId) ?? { n: 0, satisfied: 0 };
    count.n += row.n;
    count.satisfied += row.satisfied;
    current.set(row.agentId, count);
  }
  /** The totals through the last day ending at or before `at`. */
  const through = (at: number): Map<string, RatingCount> => {
    let low = 0;
    let high = ends.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((ends[mid] ?? Infinity) <= at) low = mid + 1;
      else high = mid;
    }
    return totals[low - 1] ?? new Map();
  };
  return through;
}

/** Counting ratings in (from, to] per agent: whole days from the counts, parts from the rows. */
async function windowCounts(
  db: Db,
  siteId: string,
  from: number,
  to: number,
  through: (at: number) => Map<string, RatingCount>,
  bounds: { dayEndOf: (at: number) => number; midnightUpTo: (at: number) => number },
): Promise<Map<string | null, RatingCount>> {
  const counts = new Map<string | null, RatingCount>();
  const addCount = (agentId: string | null, n: number, satisfied: number) => {
    const count = counts.get(agentId) ?? { n: 0, satisfied: 0 };
    count.n += n;
    count.satisfied += satisfied;
    counts.set(agentId, count);
  };
  // Whole days in (the first midnight at or after `from`, the last at or before `to`].
  const wholeFrom = bounds.dayEndOf(from);
  const wholeTo = bounds.midnightUpTo(to);
  if (wholeFrom >= wholeTo) {
    for (const row of await ratingRows(db, siteId, from, to)) addCount(...row);
    return counts;
  }
  const lower = through(wholeFrom);
  for (const [agentId, count] of through(wholeTo)) {
    const minus = lower.get(agentId) ?? { n: 0, satisfied: 0 };
    if (count.n > minus.n) {
      addCount(subjectOf(agentId), count.n - minus.n, count.satisfied - minus.satisfied);
    }
  }
  if (wholeFrom > from) {
    for (const row of await ratingRows(db, siteId, from, wholeFrom)) addCount(...row);
  }
  if (wholeTo < to) {
    for (const row of await ratingRows(db, siteId, wholeTo, to)) addCount(...row);
  }
  return counts;
}

/** Counting ratings in (from, to] per agent, read through `conversations_rated_at`. */
async function ratingRows(
  db: Db,
  siteId: string,
  from: number,
  to: number,
): Promise<[string | null, number, number][]> {
  const { rows } = await sql<{
    agentId: string | null;
    n: number | string;
    satisfied: number | string;
  }>`
    SELECT rating_agent_id AS "agentId", count(*) AS n,
      sum(CASE WHEN rating_end >= 4 THEN 1 ELSE 0 END) AS satisfied
    FROM conversations
    WHERE site_id = ${siteId} AND rating_at IS NOT NULL AND rating_at > ${from}
      AND rating_at <= ${to} AND rating_end IS NOT NULL
    GROUP BY rating_agent_id`.execute(db);
  return rows.map((row) => [row.agentId, Number(row.n), Number(row.satisfied)]);
}
