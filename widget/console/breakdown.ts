/**
 * How a score breakdown reads in the console: each piece of evidence in plain words ("Waited
 * 5 min (promised 2 min)"), whether it helped or hurt, and how much it weighs.
 */
import type { BreakdownItem } from '../../shared/protocol';
import type { ScoredDimension } from '../../shared/scoring/types';
import { clockTime } from './format';
import { peakLabel } from './peaks';

export const DIMENSIONS: readonly { key: ScoredDimension; label: string; about: string }[] = [
  {
    key: 'responsiveness',
    label: 'Responsiveness',
    about: 'Waits against the reply time the site promises, and what visitors say stood out.',
  },
  {
    key: 'reliability',
    label: 'Reliability',
    about: 'Promises kept or broken, chats reopened as not solved, and what visitors say.',
  },
  {
    key: 'experience',
    label: 'Experience',
    about: 'How visitors say the conversation ended, and what stood out most.',
  },
];

/** Evidence of at least 0.5 pulls a score up, below it pulls the score down. */
export function effectOf(item: Pick<BreakdownItem, 'value'>): 'helps' | 'hurts' {
  return item.value >= 0.5 ? 'helps' : 'hurts';
}

/** "40 s", "5 min", "5 min 30 s", "1 h 20 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  const rest = s % 60;
  if (minutes < 10) return rest >= 5 ? `${minutes} min ${rest} s` : `${minutes} min`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  const hours = Math.floor(s / 3600);
  const m = Math.round((s % 3600) / 60);
  return m ? `${hours} h ${m} min` : `${hours} h`;
}

/** The team mean's weight, `priorStrength`: "4", or "2.5" (the own evidence always has a decimal). */
export function formatPartWeight(weight: number): string {
  return Number.isInteger(weight) ? String(weight) : weight.toFixed(1);
}

/** "½", "1", "2", "1.5": how much one piece of evidence counts. */
export function formatWeight(weight: number): string {
  if (weight === 0.5) return '½';
  return String(Math.round(weight * 10) / 10);
}

const quoted = (text: string) => `‘${text}’`;

/** What happened, in one plain sentence. */
export function describeItem(item: BreakdownItem, now: number): string {
  switch (item.kind) {
    case 'peak-wait':
    case 'end-wait':
    case 'wait': {
      const { seconds, targetSeconds } = item.detail;
      const promised = `(promised ${formatDuration(targetSeconds)})`;
      return seconds <= targetSeconds
        ? `Answered in ${formatDuration(seconds)} ${promised}`
        : `Waited ${formatDuration(seconds)} ${promised}`;
    }
    case 'promise-kept':
      return item.detail.text ? `Kept promise ${quoted(item.detail.text)}` : 'Kept a promise';
    case 'promise-broken': {
      const { text, dueAt } = item.detail;
      const due = dueAt ? ` (due ${clockTime(dueAt, now)})` : '';
      return `${text ? `Broke promise ${quoted(text)}` : 'Broke a promise'}${due}`;
    }
    case 'promise-disputed':
      return item.detail.text
        ? `Promise ${quoted(item.detail.text)} marked kept; the visitor said it didn’t happen`
        : 'A promise marked kept; the visitor said it didn’t happen';
    case 'reopen':
      return `Reopened: ${quoted('This isn’t solved')}`;
    case 'rating': {
      const { end, peak, peakAnswered } = item.detail;
      const rated = end === null ? 'Rated the conversation' : `Rated ${end} of 5`;
      if (peak) return `${rated}, ${quoted(peakLabel(peak))} stood out`;
      // Not asked yet is not "nothing": the visitor may still answer.
      return peakAnswered === false
        ? `${rated}; what stood out: not answered`
        : `${rated}, nothing in particular stood out`;
    }
    case 'voice':
      return item.detail.peak
        ? `The visitor said ${quoted(peakLabel(item.detail.peak))} stood out`
        : 'What the visitor said stood out';
  }
}

/** A detail worth a glance: which wait of the conversation it was, when a promise was due. */
export function itemNote(item: BreakdownItem, now: number): string | null {
  switch (item.kind) {
    case 'peak-wait':
      return 'longest wait';
    case 'end-wait':
      return 'last wait';
    case 'promise-kept':
      return item.detail.dueAt ? `due ${clockTime(item.detail.dueAt, now)}` : null;
    case 'promise-disputed':
      return item.detail.keptAt ? `marked kept ${clockTime(item.detail.keptAt, now)}` : null;
    default:
      return null;
  }
}
