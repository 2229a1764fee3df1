/**
 * Queueing formulas for staffing: Erlang B, Erlang C (M/M/N) and Erlang A (M/M/N+M, Palm's model).
 * Pure functions, no I/O. Times are in seconds; traffic A is in Erlangs (calls per second × AHT).
 * Nothing here uses factorials or powers: everything goes through recursions or ratios that stay
 * within floating-point range at any traffic (tested beyond 10,000 calls an hour).
 *
 * Erlang C (DESIGN.md, "Definitions"):
 *   P(wait) = C(N, A) = N·B / (N − A·(1 − B)),  B = B(N, A) the Erlang B blocking probability by
 *             B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1))  (the standard stable recursion)
 *   SL(t)   = 1 − P(wait)·e^(−(N−A)·t/AHT),  ASA = P(wait)·AHT/(N − A),  occupancy = A/N.
 *
 * Erlang A: Poisson arrivals λ, N agents with exponential handling (μ = 1/AHT), and every waiting
 * caller hangs up after an exponential patience with mean 1/θ. Formulas from the birth–death chain
 * (Palm 1946; Garnett, Mandelbaum & Reiman 2002; Mandelbaum & Zeltyn, "The M/M/n+G queue: summary of
 * performance measures", the G = exponential case), in units where AHT = 1, with
 *   a = N/θ, b = A/θ, t_j = π_(N+j)/π_N = Π_{i=1..j} b/(a+i)  (state N+j: all busy, j waiting),
 *   S = Σ_j t_j = T(a, b)   (see special-functions.ts),   D = Σ_{k<N} π_k/π_N = 1/B(N, A) − 1.
 * An arrival that finds j waiting (PASTA) reaches an agent after V_j = Σ_{m=0..j} Exp(Nμ + mθ) unless
 * its own patience τ ~ Exp(θ) runs out first. Tilting by e^(−θV) gives
 *   P(answered | j) = a/(a+j+1),   E[V·1{answered} | j] = a/(a+j+1) · Σ_{i=1..j+1} 1/(θ(a+i)),
 * and the offered wait V has density π_N·N·exp(b(1 − e^(−θv)) − Nv) on v > 0 (Baccelli & Hebuterne),
 * which integrates to
 *   P(answered after waiting longer than t) = π_N · a/(a+1) · e^(b − x_t − (a+1)θt) · T(a+1, x_t),
 *   x_t = b·e^(−θt).
 * So: P(wait) = S/(D+S); abandonment = π_N·Σ t_j (j+1)/(a+j+1); answered after a wait
 * = π_N·Σ t_j a/(a+j+1); service level = answered within t / offered (abandoned calls fail);
 * ASA = E[wait of answered calls]; occupancy = carried load / N = A·(1 − abandonment)/N.
 */
import { digamma, logGammaTail } from './special-functions.ts';

export interface QueueMetrics {
  /** Probability that a call waits at all (finds every agent busy). */
  probabilityOfWaiting: number;
  /** Calls answered within the target time / calls offered. */
  serviceLevel: number;
  /** Mean wait of answered calls, seconds (calls answered at once count as 0). */
  asaSeconds: number;
  /** Share of agent time spent handling calls. */
  occupancy: number;
}

export interface ErlangAMetrics extends QueueMetrics {
  /** Abandoned calls / offered calls. */
  abandonment: number;
}

export interface QueueInput {
  agents: number;
  /** Offered traffic in Erlangs: calls per second × AHT seconds. */
  traffic: number;
  ahtSeconds: number;
  targetSeconds: number;
}

export interface AbandonmentQueueInput extends QueueInput {
  /** Mean patience of a waiting caller (exponential), seconds. */
  patienceSeconds: number;
}

function checkQueue(input: QueueInput): void {
  const { agents, traffic, ahtSeconds, targetSeconds } = input;
  if (!Number.isInteger(agents) || agents < 0) throw new RangeError(`agents must be a whole number ≥ 0, got ${agents}`);
  if (!(traffic >= 0) || !Number.isFinite(traffic)) throw new RangeError(`traffic must be ≥ 0, got ${traffic}`);
  if (!(ahtSeconds > 0) || !Number.isFinite(ahtSeconds)) throw new RangeError(`ahtSeconds must be > 0, got ${ahtSeconds}`);
  if (!(targetSeconds >= 0) || !Number.isFinite(targetSeconds)) throw new RangeError(`targetSeconds must be ≥ 0, got ${targetSeconds}`);
}

/** Erlang B blocking probability B(n, a) by the recursion B(0) = 1, B(k) = a·B(k−1)/(k + a·B(k−1)). */
export function erlangB(agents: number, traffic: number): number {
  let b = 1;
  for (let k = 1; k <= agents; k++) b = (traffic * b) / (k + traffic * b);
  return b;
}

/** Erlang C probability of waiting C(n, a); 1 when n ≤ a (no steady state: everyone waits). */
export function erlangC(agents: number, traffic: number): number {
  if (traffic <= 0) return 0;
  if (agents <= traffic) return 1;
  const b = erlangB(agents, traffic);
  return (agents * b) / (agents - traffic * (1 - b));
}

/** Erlang C figures once P(wait) is known (shared with the staffing search, which steps B itself). */
export function erlangCFromWaiting(probabilityOfWaiting: number, input: QueueInput): QueueMetrics {
  const { agents, traffic, ahtSeconds, targetSeconds } = input;
  const spare = agents - traffic;
  return {
    probabilityOfWaiting,
    serviceLevel: 1 - probabilityOfWaiting * Math.exp((-spare * targetSeconds) / ahtSeconds),
    asaSeconds: (probabilityOfWaiting * ahtSeconds) / spare,
    occupancy: traffic / agents,
  };
}

/** Erlang C service level, ASA and occupancy at a given agent count. Overloaded (N ≤ A): SL 0, ASA ∞. */
export function erlangCMetrics(input: QueueInput): QueueMetrics {
  checkQueue(input);
  const { agents, traffic } = input;
  if (traffic === 0) return { probabilityOfWaiting: 0, serviceLevel: 1, asaSeconds: 0, occupancy: 0 };
  if (agents <= traffic) return { probabilityOfWaiting: 1, serviceLevel: 0, asaSeconds: Number.POSITIVE_INFINITY, occupancy: 1 };
  return erlangCFromWaiting(erlangC(agents, traffic), input);
}

/**
 * D_k = Σ_{j<k} π_j/π_k = 1/B(k, A) − 1 by the reciprocal of the Erlang B recursion,
 * D_k = (k/A)·(1 + D_(k−1)), D_0 = 0, which subtracts nothing; +∞ once D overflows (far above the
 * traffic, where P(wait) is 0 to double precision anyway). Filled lazily for a search over N, in a
 * buffer shared between searches (they never interleave: everything here is synchronous).
 */
export class NoWaitMasses {
  private static buffer = new Float64Array(1024);
  private filled = 0;
  constructor(private readonly traffic: number) {
    NoWaitMasses.buffer[0] = 0;
  }
  at(agents: number): number {
    let buffer = NoWaitMasses.buffer;
    if (agents >= buffer.length) {
      const grown = new Float64Array(Math.max(agents + 1, 2 * buffer.length));
      grown.set(buffer.subarray(0, this.filled + 1));
      NoWaitMasses.buffer = buffer = grown;
    }
    for (let k = this.filled + 1; k <= agents; k++) buffer[k] = (k / this.traffic) * (1 + (buffer[k - 1] ?? 0));
    this.filled = Math.max(this.filled, agents);
    return buffer[agents] ?? Number.NaN;
  }
}

function noWaitMass(agents: number, traffic: number): number {
  let d = 0;
  for (let k = 1; k <= agents; k++) d = (k / traffic) * (1 + d);
  return d;
}

interface QueueSums {
  logS: number;
  /** Σ t_j (j+1)/(a+j+1) / S: abandonment share of the waiting mass. */
  abandonOverS: number;
  /** Σ t_j a/(a+j+1) / S: answered share of the waiting mass. */
  answeredOverS: number;
}

/**
 * Σ_j t_j·a/(a+j+1)·H_j / S with H_j = Σ_{i=1..j+1} 1/(a+i): the answered calls' wait relative to the
 * waiting mass, in units of 1/θ. Only a ratio is needed, so the sum runs over the terms that matter:
 * the t_j rise to a peak at j ≈ b − a and fall on either side like e^(−(j − peak)²/2b), so in deep
 * overload it starts 10·√b before the peak (what it leaves out is below e^(−50) of the peak term),
 * with H taken from the digamma function, and rescales as it goes so that nothing overflows.
 */
function answeredWaitOverS(a: number, b: number): number {
  const peak = Math.max(0, Math.floor(b - a));
  const start = Math.max(0, peak - Math.ceil(10 * Math.sqrt(b) + 10));
  let term = 1;
  let s = 1;
  let harmonic = start === 0 ? 1 / (a + 1) : digamma(a + start + 2) - digamma(a + 1);
  let wait = (a / (a + start + 1)) * harmonic;
  for (let j = start + 1; j < start + 100_000_000; j++) {
    term *= b / (a + j);
    const w = 1 / (a + j + 1);
    harmonic += w;
    s += term;
    wait += term * a * w * harmonic;
    if (term > 1e250) {
      term *= 1e-250;
      s *= 1e-250;
      wait *= 1e-250;
    }
    const ratio = b / (a + j + 1);
    if (ratio < 1 && term * ratio <= 1e-17 * s * (1 - ratio)) return wait / s;
  }
  throw new RangeError(`Erlang A wait sum did not converge (a=${a}, b=${b})`);
}

/** The sums over queue lengths: directly while the terms only fall, by the incomplete gamma function beyond (O(√a) either way). */
function queueSumsFast(a: number, b: number): QueueSums {
  if (b < a + 1) {
    // Every term is smaller than the one before, so nothing can overflow.
    let term = 1;
    let s = 1;
    let abandon = 1 / (a + 1);
    let answered = a / (a + 1);
    for (let j = 1; j < 100_000_000; j++) {
      term *= b / (a + j);
      const w = term / (a + j + 1);
      s += term;
      abandon += w * (j + 1);
      answered += w * a;
      const ratio = b / (a + j + 1);
      if (term * ratio <= 1e-17 * s * (1 - ratio)) return { logS: Math.log(s), abandonOverS: abandon / s, answeredOverS: answered / s };
    }
    throw new RangeError(`Erlang A queue sums did not converge (a=${a}, b=${b})`);
  }
  const logS = logGammaTail(a, b);
  // Σ t_j a/(a+j+1) = a·(S − 1)/b from T(a, x) = 1 + x/(a+1)·T(a+1, x); S ≥ 2 here, so nothing cancels.
  const answeredOverS = (a / b) * -Math.expm1(-logS);
  return { logS, abandonOverS: 1 - answeredOverS, answeredOverS };
}

function checkAbandonmentQueue(input: AbandonmentQueueInput): void {
  checkQueue(input);
  if (!(input.patienceSeconds > 0) || !Number.isFinite(input.patienceSeconds)) {
    throw new RangeError(`patienceSeconds must be > 0, got ${input.patienceSeconds}`);
  }
}

/** Everything but the ASA, from the queue sums; shared by the full and the search variants. */
function erlangAFigures(input: AbandonmentQueueInput, sums: QueueSums, noWait: number): Omit<ErlangAMetrics, 'asaSeconds'> {
  const { agents, traffic, ahtSeconds, targetSeconds, patienceSeconds } = input;
  const theta = ahtSeconds / patienceSeconds;
  const tau = targetSeconds / ahtSeconds;
  const a = agents / theta;
  const b = traffic / theta;
  const noWaitOverWait = Math.exp(Math.log(noWait) - sums.logS);
  const probabilityOfWaiting = 1 / (1 + noWaitOverWait);
  const probabilityOfNoWait = 1 / (1 + 1 / noWaitOverWait);
  const abandonment = probabilityOfWaiting * sums.abandonOverS;
  // Calls answered after a wait of at most t = answered after any wait − answered after more than t,
  // relative to the waiting mass π_N·S. Both terms go through T(a+1, ·), so they cancel exactly at
  // t = 0 and smoothly near it (in deep overload, T's last digits are not those of the direct sums).
  let withinOverS = 0;
  if (tau > 0) {
    const logAnswered = b < a + 1 ? Math.log(sums.answeredOverS) : Math.log(a / (a + 1)) + logGammaTail(a + 1, b) - sums.logS;
    const xt = b * Math.exp(-theta * tau);
    const exponent = b * -Math.expm1(-theta * tau) - (a + 1) * theta * tau;
    const logLate = Math.log(a / (a + 1)) + exponent + logGammaTail(a + 1, xt) - sums.logS;
    withinOverS = logLate < logAnswered ? Math.exp(logAnswered) * -Math.expm1(logLate - logAnswered) : 0;
  }
  const serviceLevel = Math.min(1, probabilityOfNoWait + probabilityOfWaiting * withinOverS);
  return { probabilityOfWaiting, serviceLevel, occupancy: Math.min(1, (traffic * (1 - abandonment)) / agents), abandonment };
}

const noTraffic: ErlangAMetrics = { probabilityOfWaiting: 0, serviceLevel: 1, asaSeconds: 0, occupancy: 0, abandonment: 0 };
const noAgents: ErlangAMetrics = { probabilityOfWaiting: 1, serviceLevel: 0, asaSeconds: 0, occupancy: 0, abandonment: 1 };

/**
 * Erlang A without the ASA (which needs a sum over every queue length), for searches over agent
 * counts; pass D_N from `NoWaitMasses` to skip its O(N) recursion.
 */
export function erlangAMetricsWithoutAsa(input: AbandonmentQueueInput, noWait?: number): Omit<ErlangAMetrics, 'asaSeconds'> {
  checkAbandonmentQueue(input);
  if (input.traffic === 0) return { ...noTraffic };
  if (input.agents === 0) return { ...noAgents };
  const theta = input.ahtSeconds / input.patienceSeconds;
  return erlangAFigures(
    input,
    queueSumsFast(input.agents / theta, input.traffic / theta),
    noWait ?? noWaitMass(input.agents, input.traffic),
  );
}

/** The Erlang A ASA (mean wait of answered calls, seconds), given the other figures at that count. */
export function erlangAAsaSeconds(
  input: AbandonmentQueueInput,
  figures: Pick<ErlangAMetrics, 'probabilityOfWaiting' | 'abandonment'>,
): number {
  checkAbandonmentQueue(input);
  if (input.traffic === 0 || input.agents === 0) return 0;
  const theta = input.ahtSeconds / input.patienceSeconds;
  const answeredWaitInAht = (figures.probabilityOfWaiting * answeredWaitOverS(input.agents / theta, input.traffic / theta)) / theta;
  return (answeredWaitInAht / (1 - figures.abandonment)) * input.ahtSeconds;
}

/** Erlang A (M/M/N+M) figures at a given agent count: P(wait), abandonment, service level, ASA, occupancy. */
export function erlangAMetrics(input: AbandonmentQueueInput, noWait?: number): ErlangAMetrics {
  const figures = erlangAMetricsWithoutAsa(input, noWait);
  return { ...figures, asaSeconds: erlangAAsaSeconds(input, figures) };
}
