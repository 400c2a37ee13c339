/**
 * Quantiles of the Beta distribution, for the score's interval (scoring.md §Scores at time τ).
 *
 * A trend reads about 16,000 of them (two limits × agents × dimensions × buckets), so this is
 * tuned for that: a close first guess, then Halley steps on the regularized incomplete beta,
 * which is evaluated by its continued fraction. Each step is kept inside a bracket that the
 * steps narrow, so a poor guess costs iterations, never a wrong answer. The result agrees with
 * a bisection of the incomplete beta to 1e-12 within 1e-8 (1e-6 score points) for α, β in
 * [0.5, 10⁶] (test/unit/scoring-beta.test.ts).
 */

/** Lanczos coefficients (g = 7, n = 9): ln Γ to about 15 significant digits. */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];
const HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln Γ(z) for z > 0. */
export function lnGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - lnGamma(1 - z);
  const w = z - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] as number) / (w + i);
  const t = w + 7.5;
  return HALF_LN_2PI + (w + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ln B(α, β). */
export const lnBeta = (a: number, b: number) => lnGamma(a) + lnGamma(b) - lnGamma(a + b);

const TINY = 1e-300;
const CF_EPSILON = 1e-15;
/** Enough for α, β near 10⁶, where the fraction needs some √max(α, β) terms. */
const CF_MAX_TERMS = 20_000;

/**
 * The continued fraction of I_x(a, b) (modified Lentz), which converges quickly for
 * x < (a + 1) / (a + b + 2).
 */
function betaFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= CF_MAX_TERMS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < CF_EPSILON) break;
  }
  return h;
}

/**
 * I_x(a, b) for 0 < x < 1, and the factor x^a (1 − x)^b / B(a, b) it is built on (the density
 * times x (1 − x)): the fraction on whichever side of the mean it converges fast, by the
 * symmetry I_x(a, b) = 1 − I_{1−x}(b, a).
 */
function incompleteBeta(x: number, a: number, b: number, lnB: number) {
  const front = Math.exp(a * Math.log(x) + b * Math.log1p(-x) - lnB);
  const value =
    x < (a + 1) / (a + b + 2)
      ? (front * betaFraction(x, a, b)) / a
      : 1 - (front * betaFraction(1 - x, b, a)) / b;
  return { value, front };
}

/** The regularized incomplete beta I_x(a, b) for 0 ≤ x ≤ 1. */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  return incompleteBeta(x, a, b, lnBeta(a, b)).value;
}

/** A first guess at the p-quantile (Numerical Recipes §6.14, after AS 109). */
function firstGuess(p: number, a: number, b: number): number {
  if (a >= 1 && b >= 1) {
    const pp = p < 0.5 ? p : 1 - p;
    const t = Math.sqrt(-2 * Math.log(pp));
    let z = (2.30753 + t * 0.27061) / (1 + t * (0.99229 + t * 0.04481)) - t;
    if (p < 0.5) z = -z;
    const al = (z * z - 3) / 6;
    const h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
    const w =
      (z * Math.sqrt(al + h)) / h -
      (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (al + 5 / 6 - 2 / (3 * h));
    return a / (a + b * Math.exp(2 * w));
  }
  // Small shapes: near each end the mass grows like a power of x (or of 1 − x).
  const t = Math.exp(a * Math.log(a / (a + b))) / a;
  const u = Math.exp(b * Math.log(b / (a + b))) / b;
  const w = t + u;
  if (p < t / w) return Math.pow(a * w * p, 1 / a);
  return 1 - Math.pow(b * w * (1 - p), 1 / b);
}

/** Halley steps stop once a step moves x by less than this, relative to x. */
const X_EPSILON = 1e-13;
/**
 * A step smaller than this part of the scale the density bends on (its spread, or the distance
 * to the nearer end) leaves an error of about its cube in that scale: no need to check it.
 */
const LAST_STEP = 1e-6;
const MAX_STEPS = 100;

/** The p-quantile of Beta(a, b), for 0 < p < 1 and a, b > 0; `lnB` is ln B(a, b). */
export function betaQuantile(p: number, a: number, b: number, lnB = lnBeta(a, b)): number {
  const spread = Math.sqrt((a * b) / ((a + b) * (a + b) * (a + b + 1)));
  let x = firstGuess(p, a, b);
  if (!(x > 0 && x < 1)) x = a / (a + b);
  // I_x − p is increasing in x: the bracket [low, high] always holds the root.
  let low = 0;
  let high = 1;
  for (let step = 0; step < MAX_STEPS; step++) {
    const { value, front } = incompleteBeta(x, a, b, lnB);
    const error = value - p;
    if (error === 0) return x;
    if (error < 0) low = x;
    else high = x;
    const newton = (error * x * (1 - x)) / front;
    // Halley's correction: f''/f' = (a − 1)/x − (b − 1)/(1 − x).
    const curvature = (a - 1) / x - (b - 1) / (1 - x);
    const denominator = 1 - 0.5 * newton * curvature;
    const next = x - (denominator > 0.5 ? newton / denominator : newton);
    // Halley's steps shrink the error about cubically (Newton's, quadratically): once a step
    // is this small, what remains is far below the tolerance.
    const moved = Math.abs(next - x);
    if (moved <= X_EPSILON * x || moved <= LAST_STEP * Math.min(spread, next, 1 - next)) {
      return next;
    }
    // Outside the bracket (or not a number): halve the bracket instead.
    if (!(next > low && next < high)) {
      x = 0.5 * (low + high);
      continue;
    }
    x = next;
  }
  return x;
}

/** The 5% and 95% quantiles of Beta(a, b), for a, b > 0. */
export function betaLimits(a: number, b: number): { low: number; high: number } {
  const lnB = lnBeta(a, b);
  return { low: betaQuantile(0.05, a, b, lnB), high: betaQuantile(0.95, a, b, lnB) };
}
