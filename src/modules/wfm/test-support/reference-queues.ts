/**
 * Reference values for the tests, computed by methods independent of erlang.ts:
 * - Erlang C by the textbook formula C = (A^N/N!·N/(N−A)) / (Σ_{k<N} A^k/k! + A^N/N!·N/(N−A)) in exact
 *   integer arithmetic (BigInt) for rational traffic A = p/q, converted to a double only at the end.
 * - Erlang A from the truncated birth–death chain itself: stationary probabilities by the balance
 *   equations, abandonment by rate conservation (θ·E[queue] / λ), occupancy as E[busy agents] / N,
 *   the service level by uniformisation of the tagged caller's absorbing chain, and the ASA by
 *   first-step analysis on that chain.
 */

/** num/den as a double, rounded once (the quotient is formed to 80 significant bits first). */
function ratioToNumber(num: bigint, den: bigint): number {
  const shift = den.toString(2).length - num.toString(2).length + 80;
  const scaled = shift >= 0 ? (num << BigInt(shift)) / den : num / (den << BigInt(-shift));
  return Number(scaled) * 2 ** -shift;
}

/** Exact Erlang C probability of waiting for N agents and traffic p/q (requires N > p/q). */
export function exactErlangC(agents: number, p: bigint, q: bigint): number {
  const n = BigInt(agents);
  if (n * q <= p) throw new RangeError('needs N > A');
  // Σ_{k<N} p^k·q^(N−k)·N!/k!  by Horner in p, the coefficients c_k = q^(N−k)·N!/k! built downwards.
  let c = 1n;
  let sum = 0n;
  for (let k = agents - 1; k >= 0; k--) {
    c *= q * BigInt(k + 1);
    sum = sum * p + c;
  }
  const last = p ** n * n * q; // A^N/N!·N/(N−A), scaled by q^N·N!·(Nq − p)
  return ratioToNumber(last, (n * q - p) * sum + last);
}

export interface ExactCase {
  volume: number;
  interval_minutes: number;
  aht_seconds: number;
  target_service_level: number;
  target_seconds: number;
  max_occupancy?: number;
}

export interface ReferenceFigures {
  agents: number;
  probabilityOfWaiting: number;
  serviceLevel: number;
  asaSeconds: number;
  occupancy: number;
}

/** Erlang C figures at N agents from the exact C (integer volume, interval and AHT). */
export function exactErlangCFigures(input: ExactCase, agents: number): ReferenceFigures {
  const p = BigInt(input.volume * input.aht_seconds);
  const q = BigInt(input.interval_minutes * 60);
  const waiting = exactErlangC(agents, p, q);
  const spare = Number(BigInt(agents) * q - p) / Number(q);
  return {
    agents,
    probabilityOfWaiting: waiting,
    serviceLevel: 1 - waiting * Math.exp((-spare * input.target_seconds) / input.aht_seconds),
    asaSeconds: (waiting * input.aht_seconds) / spare,
    occupancy: (input.volume * input.aht_seconds) / (input.interval_minutes * 60) / agents,
  };
}

/** The smallest N > A meeting the target (and cap), by a plain upward scan of exact figures. */
export function exactErlangCStaffing(input: ExactCase): ReferenceFigures {
  const p = BigInt(input.volume * input.aht_seconds);
  const q = BigInt(input.interval_minutes * 60);
  for (let agents = Number(p / q) + 1; ; agents++) {
    const figures = exactErlangCFigures(input, agents);
    if (figures.serviceLevel >= input.target_service_level && figures.occupancy <= (input.max_occupancy ?? 1)) return figures;
  }
}

export interface ChainCase {
  agents: number;
  callsPerSecond: number;
  ahtSeconds: number;
  patienceSeconds: number;
  targetSeconds: number;
}

export interface ChainFigures extends ReferenceFigures {
  abandonment: number;
}

/** Erlang A figures from the truncated birth–death chain (moderate sizes only: plain doubles). */
export function chainErlangA(input: ChainCase): ChainFigures {
  const { agents: n, callsPerSecond: lambda, ahtSeconds, patienceSeconds, targetSeconds: t } = input;
  const mu = 1 / ahtSeconds;
  const theta = 1 / patienceSeconds;
  const pi = [1];
  let peak = 1;
  for (let k = 1; ; k++) {
    const previous = pi[k - 1] ?? 0;
    const next = (previous * lambda) / (Math.min(k, n) * mu + Math.max(k - n, 0) * theta);
    pi.push(next);
    peak = Math.max(peak, next);
    if (k > n && next < 1e-22 * peak) break;
  }
  const total = pi.reduce((sum, x) => sum + x, 0);
  const p = pi.map((x) => x / total);
  const at = (k: number): number => p[k] ?? 0;
  let waiting = 0;
  let queue = 0;
  let busy = 0;
  for (let k = 0; k < p.length; k++) {
    if (k >= n) waiting += at(k);
    queue += Math.max(k - n, 0) * at(k);
    busy += Math.min(k, n) * at(k);
  }
  const abandonment = (theta * queue) / lambda;
  const positions = p.length - n; // j = 0 … positions−1 callers ahead

  // First-step analysis: P(served | j ahead) and E[wait · 1{served} | j ahead].
  let servedProbability = 1;
  let servedWait = 0;
  let answeredWait = 0;
  for (let j = 0; j < positions; j++) {
    const advance = n * mu + j * theta;
    const rate = advance + theta;
    servedWait = (advance / rate) * (servedProbability / rate + servedWait);
    servedProbability = (advance / rate) * servedProbability;
    answeredWait += at(n + j) * servedWait;
  }

  // Uniformisation of the tagged caller's chain, all starting positions weighted by π at once.
  const uniform = n * mu + positions * theta + theta;
  let mass = Array.from({ length: positions }, (_, j) => at(n + j));
  let served = 0;
  const steps = Math.ceil(uniform * t + 12 * Math.sqrt(uniform * t) + 60);
  let logPoisson = -uniform * t;
  let servedByT = Math.exp(logPoisson) * served;
  for (let k = 1; k <= steps; k++) {
    const next = new Array<number>(positions).fill(0);
    for (let j = 0; j < positions; j++) {
      const m = mass[j] ?? 0;
      if (m === 0) continue;
      const advance = n * mu + j * theta;
      if (j === 0) served += (m * advance) / uniform;
      else next[j - 1] = (next[j - 1] ?? 0) + (m * advance) / uniform;
      next[j] = (next[j] ?? 0) + m * (1 - (advance + theta) / uniform);
    }
    mass = next;
    logPoisson += Math.log((uniform * t) / k);
    servedByT += Math.exp(logPoisson) * served;
  }
  if (t === 0) servedByT = 0;
  return {
    agents: n,
    probabilityOfWaiting: waiting,
    serviceLevel: 1 - waiting + servedByT,
    asaSeconds: answeredWait / (1 - abandonment),
    occupancy: busy / n,
    abandonment,
  };
}
