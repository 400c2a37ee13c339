import betainc from '@stdlib/math-base-special-betainc';
import { describe, expect, it } from 'vitest';
import { betaLimits, betaQuantile, lnGamma, regularizedBeta } from '../../shared/scoring/beta';
import { betaInterval } from '../../shared/scoring/score';

/**
 * The reference: bisection to 1e-12 on an independent implementation of the regularized
 * incomplete beta (stdlib's port of Boost's), slow and sure.
 */
function referenceQuantile(p: number, a: number, b: number): number {
  let low = 0;
  let high = 1;
  while (high - low > 1e-12) {
    const mid = 0.5 * (low + high);
    if (betainc(mid, a, b, true, false) < p) low = mid;
    else high = mid;
  }
  return 0.5 * (low + high);
}

/** Shapes from 0.1 (4 × (1 − 0.95): the prior's β under the clamped team mean) to 10⁶. */
const SHAPES = [
  0.1, 0.2, 0.35, 0.5, 0.7, 1, 1.3, 2, 3.7, 5, 8, 13.4, 21, 40, 77.7, 120, 300, 1000, 2222, 1e4,
  4.5e4, 1e5, 3.3e5, 1e6,
];

/** Score points (0–100) the interval limits may differ from the reference by. */
const TOLERANCE_POINTS = 1e-6;

describe('Beta quantiles for the score interval', () => {
  it('agree with a bisection of the incomplete beta within 1e-6 score points', () => {
    let worst = { error: 0, a: 0, b: 0, p: 0 };
    for (const a of SHAPES) {
      for (const b of SHAPES) {
        for (const p of [0.05, 0.95]) {
          const error = 100 * Math.abs(betaQuantile(p, a, b) - referenceQuantile(p, a, b));
          if (error > worst.error) worst = { error, a, b, p };
        }
      }
    }
    expect(worst.error, JSON.stringify(worst)).toBeLessThan(TOLERANCE_POINTS);
  });

  it('agree on shapes as decayed sums make them (fractions, near-equal pairs)', () => {
    let state = 12345;
    const random = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state / 2 ** 31;
    };
    for (let i = 0; i < 300; i++) {
      const a = 0.2 + 10 ** (random() * 4);
      const b = 0.2 + 10 ** (random() * 4);
      const { low, high } = betaLimits(a, b);
      expect(100 * Math.abs(low - referenceQuantile(0.05, a, b))).toBeLessThan(TOLERANCE_POINTS);
      expect(100 * Math.abs(high - referenceQuantile(0.95, a, b))).toBeLessThan(TOLERANCE_POINTS);
    }
  });

  it('knows closed forms: Beta(1, 1) is uniform, Beta(a, 1) is x^a, Beta(2, 2) is 3x² − 2x³', () => {
    expect(betaQuantile(0.05, 1, 1)).toBeCloseTo(0.05, 12);
    expect(betaQuantile(0.95, 3, 1)).toBeCloseTo(0.95 ** (1 / 3), 12);
    expect(betaQuantile(0.05, 1, 3)).toBeCloseTo(1 - 0.95 ** (1 / 3), 12);
    const x = betaQuantile(0.05, 2, 2);
    expect(3 * x * x - 2 * x ** 3).toBeCloseTo(0.05, 12);
    expect(betaInterval(2, 2).high).toBeCloseTo(100 * (1 - x), 10);
  });

  it('evaluates ln Γ and the incomplete beta it is built on', () => {
    expect(lnGamma(1)).toBeCloseTo(0, 13);
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(lnGamma(101)).toBeCloseTo(363.73937555556347, 9); // ln 100!
    for (const [x, a, b] of [
      [0.3, 0.5, 2],
      [0.999, 1000, 3],
      [0.5, 1e5, 1e5],
      [1e-7, 0.2, 1e4],
    ] as const) {
      // ln B(a, b) loses digits to cancellation for large shapes (ln Γ(10⁵) ≈ 10⁶): about 1e-10
      // here, far inside the quantiles' tolerance, since the density is then high.
      expect(regularizedBeta(x, a, b)).toBeCloseTo(betainc(x, a, b, true, false), 8);
    }
    expect(regularizedBeta(0, 2, 3)).toBe(0);
    expect(regularizedBeta(1, 2, 3)).toBe(1);
  });
});
