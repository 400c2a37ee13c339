/**
 * How the visitor's rating reads in the console: the same words the widget shows (the live
 * area's dictionary holds them, in each language).
 */
import type { Peak } from '../../shared/facts';
import type { ConsoleDictionary } from './i18n';

export function endLabel(end: number, t: ConsoleDictionary): string {
  return t.live.rating.faces[Math.min(5, Math.max(1, Math.round(end))) - 1] ?? '';
}

/** good (4–5), neutral (3) or bad (1–2): drives the badge colour. */
export function endTone(end: number): 'good' | 'neutral' | 'bad' {
  return end >= 4 ? 'good' : end >= 3 ? 'neutral' : 'bad';
}

export function peakLabel(peak: Peak | null, t: ConsoleDictionary): string {
  return peak ? t.live.rating.peaks[peak.dimension][peak.polarity] : t.live.rating.nothing;
}
