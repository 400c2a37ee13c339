/**
 * How a score breakdown reads in the console: each piece of evidence in plain words ("Waited
 * 5 min (promised 2 min)"), whether it helped or hurt, and how much it weighs, in the language
 * of the dictionary given (English unless given).
 */
import type { BreakdownItem } from '../../shared/protocol';
import type { ScoredDimension } from '../../shared/scoring/types';
import { clockTime, formatNumber } from './format';
import type { ConsoleDictionary } from './i18n';
import { en } from './i18n/en';
import { peakLabel } from './peaks';

/** The scores a breakdown groups its evidence by, in this order (live.dimensions words them). */
export const DIMENSIONS: readonly ScoredDimension[] = [
  'responsiveness',
  'reliability',
  'experience',
];

/** Evidence of at least 0.5 pulls a score up, below it pulls the score down. */
export function effectOf(item: Pick<BreakdownItem, 'value'>): 'helps' | 'hurts' {
  return item.value >= 0.5 ? 'helps' : 'hurts';
}

/** "40 s", "5 min", "5 min 30 s", "1 h 20 min". */
export function formatDuration(seconds: number, t: ConsoleDictionary = en): string {
  const unit = t.live.breakdown.units;
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} ${unit.seconds}`;
  const minutes = Math.floor(s / 60);
  const rest = s % 60;
  if (minutes < 10) {
    return rest >= 5
      ? `${minutes} ${unit.minutes} ${rest} ${unit.seconds}`
      : `${minutes} ${unit.minutes}`;
  }
  if (s < 3600) return `${Math.round(s / 60)} ${unit.minutes}`;
  const hours = Math.floor(s / 3600);
  const m = Math.round((s % 3600) / 60);
  return m ? `${hours} ${unit.hours} ${m} ${unit.minutes}` : `${hours} ${unit.hours}`;
}

/** The team mean's weight, `priorStrength`: "4", or "2.5" (the own evidence always has a decimal). */
export function formatPartWeight(weight: number): string {
  return formatNumber(weight);
}

/** "½", "1", "2", "1.5": how much one piece of evidence counts. */
export function formatWeight(weight: number): string {
  if (weight === 0.5) return '½';
  return formatNumber(Math.round(weight * 10) / 10);
}

/** What happened, in one plain sentence. */
export function describeItem(item: BreakdownItem, now: number, t: ConsoleDictionary = en): string {
  const words = t.live.breakdown;
  switch (item.kind) {
    case 'peak-wait':
    case 'end-wait':
    case 'wait': {
      const { seconds, targetSeconds } = item.detail;
      const took = formatDuration(seconds, t);
      const promised = formatDuration(targetSeconds, t);
      return seconds <= targetSeconds
        ? words.answeredIn(took, promised)
        : words.waited(took, promised);
    }
    case 'promise-kept':
      return words.keptPromise(item.detail.text);
    case 'promise-broken': {
      const { text, dueAt } = item.detail;
      return `${words.brokePromise(text)}${dueAt ? words.dueSuffix(clockTime(dueAt, now)) : ''}`;
    }
    case 'promise-disputed':
      return words.disputed(item.detail.text);
    case 'reopen':
      return words.reopened(t.live.rating.notSolved);
    case 'rating': {
      const { end, peak, peakAnswered } = item.detail;
      const rated = words.rated(end);
      if (peak) return words.ratedPeak(rated, peakLabel(peak, t));
      // Not asked yet is not "nothing": the visitor may still answer.
      return peakAnswered === false ? words.ratedNoAnswer(rated) : words.ratedNothing(rated);
    }
    case 'voice':
      return words.voice(item.detail.peak ? peakLabel(item.detail.peak, t) : null);
  }
}

/** A detail worth a glance: which wait of the conversation it was, when a promise was due. */
export function itemNote(
  item: BreakdownItem,
  now: number,
  t: ConsoleDictionary = en,
): string | null {
  const words = t.live.breakdown;
  switch (item.kind) {
    case 'peak-wait':
      return words.longestWait;
    case 'end-wait':
      return words.lastWait;
    case 'promise-kept':
      return item.detail.dueAt ? words.due(clockTime(item.detail.dueAt, now)) : null;
    case 'promise-disputed':
      return item.detail.keptAt ? words.markedKept(clockTime(item.detail.keptAt, now)) : null;
    default:
      return null;
  }
}
