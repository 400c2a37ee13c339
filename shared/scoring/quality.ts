/**
 * The values observations carry (scoring.md §Observations): how good a Wait was, and the
 * peak-end experience of a Rating.
 */

/** Quality of a Wait: full marks within the promised reply time, then in proportion. */
export function waitQuality(seconds: number, targetReplySeconds: number): number {
  return seconds <= targetReplySeconds ? 1 : targetReplySeconds / seconds;
}

/** Peak value of a Rating: 5 for a positive peak, 1 for a negative one, else the end itself. */
export function peakValue(end: number, polarity: 'positive' | 'negative' | null): number {
  return polarity === 'positive' ? 5 : polarity === 'negative' ? 1 : end;
}

/** Peak-end experience in [0, 1]: the mean of peak and end, from the 1..5 scale. */
export function experienceValue(end: number, peak: number): number {
  return ((peak + end) / 2 - 1) / 4;
}
