/**
 * A discrete-event simulation of the M/M/N (+M) queue, first come first served, to check the
 * formulas against: Poisson arrivals, exponential handling and (optionally) exponential patience.
 * Each caller takes the agent that frees up first, at max(arrival, that time); with patience, a
 * caller whose patience is shorter than that wait hangs up and takes no agent — the virtual-waiting-time
 * construction of the M/M/N+G queue. Estimates come with a confidence interval by batch means.
 */

/** xoshiro128** (Blackman & Vigna): a small, well-tested PRNG, seeded through splitmix32. */
function randomSource(seed: number): () => number {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  return () => {
    const result = Math.imul(((Math.imul(b, 5) << 7) | (Math.imul(b, 5) >>> 25)) >>> 0, 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = ((d << 11) | (d >>> 21)) >>> 0;
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    return (result + 0.5) / 4294967296;
  };
}

/** A binary min-heap of agents' free-from times, fixed size. */
class FreeTimes {
  private readonly heap: Float64Array;
  constructor(size: number) {
    this.heap = new Float64Array(size);
  }
  get earliest(): number {
    return this.heap[0] ?? 0;
  }
  /** Replaces the earliest time with a later one and restores the heap. */
  replaceEarliest(time: number): void {
    const heap = this.heap;
    const size = heap.length;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      const right = left + 1;
      const child = right < size && (heap[right] ?? 0) < (heap[left] ?? 0) ? right : left;
      if ((heap[child] ?? 0) >= time) break;
      heap[i] = heap[child] ?? 0;
      i = child;
    }
    heap[i] = time;
  }
}

export interface SimulationInput {
  agents: number;
  callsPerSecond: number;
  ahtSeconds: number;
  patienceSeconds?: number;
  targetSeconds: number;
  seed: number;
  /** Calls per batch and number of batches measured, after `warmup` calls discarded. */
  batchCalls: number;
  batches: number;
  warmup: number;
  /** Student t quantile for the interval (3.883 for 99.9% with 19 degrees of freedom). */
  tQuantile: number;
}

export interface Estimate {
  mean: number;
  halfWidth: number;
}

export interface SimulationResult {
  probabilityOfWaiting: Estimate;
  serviceLevel: Estimate;
  asaSeconds: Estimate;
  abandonment: Estimate;
}

function estimate(values: number[], tQuantile: number): Estimate {
  const mean = values.reduce((sum, x) => sum + x, 0) / values.length;
  const variance = values.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (values.length - 1);
  return { mean, halfWidth: tQuantile * Math.sqrt(variance / values.length) };
}

export function simulateQueue(input: SimulationInput): SimulationResult {
  const random = randomSource(input.seed);
  const exponential = (mean: number): number => -Math.log(random()) * mean;
  const free = new FreeTimes(input.agents);
  const perBatch = { waited: [] as number[], within: [] as number[], asa: [] as number[], abandoned: [] as number[] };
  let clock = 0;
  const total = input.warmup + input.batchCalls * input.batches;
  let waited = 0;
  let within = 0;
  let answered = 0;
  let answeredWait = 0;
  let abandoned = 0;
  for (let call = 0; call < total; call++) {
    clock += exponential(1 / input.callsPerSecond);
    const handling = exponential(input.ahtSeconds);
    const patience = input.patienceSeconds === undefined ? Number.POSITIVE_INFINITY : exponential(input.patienceSeconds);
    const wait = Math.max(0, free.earliest - clock);
    const served = patience > wait;
    if (served) free.replaceEarliest(clock + wait + handling);
    if (call < input.warmup) continue;
    if (wait > 0) waited++;
    if (served) {
      answered++;
      answeredWait += wait;
      if (wait <= input.targetSeconds) within++;
    } else abandoned++;
    if ((call - input.warmup + 1) % input.batchCalls === 0) {
      perBatch.waited.push(waited / input.batchCalls);
      perBatch.within.push(within / input.batchCalls);
      perBatch.asa.push(answeredWait / answered);
      perBatch.abandoned.push(abandoned / input.batchCalls);
      waited = within = answered = answeredWait = abandoned = 0;
    }
  }
  return {
    probabilityOfWaiting: estimate(perBatch.waited, input.tQuantile),
    serviceLevel: estimate(perBatch.within, input.tQuantile),
    asaSeconds: estimate(perBatch.asa, input.tQuantile),
    abandonment: estimate(perBatch.abandoned, input.tQuantile),
  };
}
