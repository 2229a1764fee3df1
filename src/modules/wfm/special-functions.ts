/**
 * The special functions Erlang A needs. Mainly this one, in a form that never overflows:
 *
 *   T(s, x) = Σ_{j≥0} Π_{i=1..j} x / (s + i)  =  Γ(s+1) · e^x · x^(−s) · P(s, x)
 *
 * where P is the regularised lower incomplete gamma function (the series is the classic one for
 * P; Abramowitz & Stegun 6.5.29, Numerical Recipes §6.2 "gser"). T is returned as a logarithm
 * because in overload (x ≫ s) it grows like e^x.
 *
 * - x < s + 1: every ratio x/(s+i) is below 1, so the terms fall from 1 and the sum is summed
 *   directly until the remaining tail is below 1e-17 of it (no factorials, no overflow).
 * - x ≥ s + 1: T = Γ(s+1)·e^x·x^(−s) − s·Γ(s,x)·e^x·x^(−s); the second factor is the continued
 *   fraction for the upper incomplete gamma (Numerical Recipes §6.2 "gcf", modified Lentz), and
 *   log(Γ(s+1)·e^x·x^(−s)) is evaluated by Stirling's series arranged so that no large terms cancel.
 */

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const TINY = 1e-300;
const MAX_ITERATIONS = 50_000_000;

/** Stirling's correction σ(u) in lgamma(u) = (u − ½)·ln u − u + ½·ln 2π + σ(u); below 1e-16 absolute for u ≥ 10. */
function stirlingCorrection(u: number): number {
  const r = 1 / u;
  const r2 = r * r;
  return r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 * (1 / 1680 - r2 * (1 / 1188 - r2 * (691 / 360360 - r2 / 156))))));
}

/** log Γ(u) for u > 0 (recurrence up to 10, then Stirling). */
export function logGamma(u: number): number {
  if (!(u > 0)) throw new RangeError(`logGamma needs u > 0, got ${u}`);
  let shift = 0;
  let z = u;
  while (z < 10) {
    shift += Math.log(z);
    z += 1;
  }
  return (z - 0.5) * Math.log(z) - z + LOG_SQRT_2PI + stirlingCorrection(z) - shift;
}

/** log(Γ(s+1) · e^x · x^(−s)) without cancelling large terms when s and x are both large. */
function logGammaScaled(s: number, x: number): number {
  const u = s + 1;
  if (u < 10) return logGamma(u) + x - s * Math.log(x);
  const d = x - u;
  return d - s * Math.log1p(d / u) + 0.5 * Math.log(u) + LOG_SQRT_2PI + stirlingCorrection(u);
}

/** Γ(s, x)·e^x·x^(−s) by the modified Lentz continued fraction; converges fast for x ≥ s + 1. */
function upperGammaFraction(s: number, x: number): number {
  let b = x + 1 - s;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - s);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) return h;
  }
  throw new RangeError(`incomplete gamma continued fraction did not converge for s=${s}, x=${x}`);
}

/** Sum of the decreasing series T(s, x) for 0 ≤ x < s + 1. */
function tailSeries(s: number, x: number): number {
  let term = 1;
  let sum = 1;
  for (let j = 1; j < MAX_ITERATIONS; j++) {
    term *= x / (s + j);
    sum += term;
    const ratio = x / (s + j + 1);
    // The rest is below term·ratio/(1 − ratio): stop once that is negligible.
    if (term * ratio <= 1e-17 * sum * (1 - ratio)) return sum;
  }
  throw new RangeError(`incomplete gamma series did not converge for s=${s}, x=${x}`);
}

/** log T(s, x) for s > 0, x ≥ 0 (see the file comment). */
export function logGammaTail(s: number, x: number): number {
  if (!(s > 0) || !(x >= 0)) throw new RangeError(`logGammaTail needs s > 0 and x ≥ 0, got s=${s}, x=${x}`);
  if (x === 0) return 0;
  if (x < s + 1) return Math.log(tailSeries(s, x));
  const logScaled = logGammaScaled(s, x);
  // Q(s, x) = s·fraction·e^(−logScaled) is the regularised upper incomplete gamma, about ½ or less here.
  const upper = s * upperGammaFraction(s, x) * Math.exp(-logScaled);
  return logScaled + Math.log1p(-upper);
}

/** The digamma function ψ(x) = d/dx log Γ(x) for x > 0 (recurrence up to 10, then its asymptotic series). */
export function digamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`digamma needs x > 0, got ${x}`);
  let shift = 0;
  let z = x;
  while (z < 10) {
    shift -= 1 / z;
    z += 1;
  }
  const r = 1 / (z * z);
  return shift + Math.log(z) - 0.5 / z - r * (1 / 12 - r * (1 / 120 - r * (1 / 252 - r * (1 / 240 - r / 132))));
}
