/** How the visitor's rating reads in the console: the same words the widget shows. */
import type { Peak } from '../../shared/facts';

export const END_LABELS = ['Very bad', 'Bad', 'Okay', 'Good', 'Very good'] as const;

export function endLabel(end: number): string {
  return END_LABELS[Math.min(5, Math.max(1, Math.round(end))) - 1] ?? '';
}

/** good (4–5), neutral (3) or bad (1–2): drives the badge colour. */
export function endTone(end: number): 'good' | 'neutral' | 'bad' {
  return end >= 4 ? 'good' : end >= 3 ? 'neutral' : 'bad';
}

const PEAK_LABELS: Record<Peak['dimension'], Record<Peak['polarity'], string>> = {
  responsiveness: { positive: 'Quick replies', negative: 'Long waits' },
  reliability: { positive: 'Kept their word', negative: 'Broke a promise' },
  competence: { positive: 'Knew the answer', negative: 'Unsure answers' },
  empathy: { positive: 'Really listened', negative: "Didn't listen" },
};

export function peakLabel(peak: Peak | null): string {
  return peak ? PEAK_LABELS[peak.dimension][peak.polarity] : 'Nothing in particular';
}
