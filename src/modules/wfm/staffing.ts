/**
 * Agents needed per interval for an X/Y service-level target, and FTE after shrinkage.
 *
 * Conventions (README.md in this folder shows them worked through):
 * - Erlang C when `patience_seconds` is absent, Erlang A when it is given.
 * - The answer is the smallest agent count meeting every target with ≥ / ≤: service level ≥ X, and
 *   occupancy ≤ `max_occupancy` when one is given. Erlang C searches from floor(A) + 1 (the first
 *   count with a steady state); Erlang A from 1, since abandonment sheds load and it may need fewer
 *   agents than the traffic.
 * - `fte` = agents / (1 − shrinkage), unrounded; `scheduled_agents` = fte rounded up.
 * - Zero volume needs 0 agents, with service level 1, ASA 0 and occupancy 0.
 */
import { AppError, type ErrorDetail } from '../../platform/errors.ts';
import { type AbandonmentQueueInput, erlangAAsaSeconds, erlangAMetricsWithoutAsa, erlangCFromWaiting, NoWaitMasses } from './erlang.ts';
import {
  type StaffingBatchResult,
  type StaffingInput,
  type StaffingRequest,
  type StaffingResult,
  type StaffingSummary,
  staffingDefaults,
  staffingLimits,
} from './wfm.schemas.ts';

type Bound = { min?: number; gt?: number; max?: number; lt?: number };
const bounds: Record<keyof StaffingInput, Bound> = {
  volume: { min: 0, max: staffingLimits.volume },
  interval_minutes: { min: 1, max: staffingLimits.interval_minutes },
  aht_seconds: { min: 1, max: staffingLimits.aht_seconds },
  target_service_level: { gt: 0, lt: 1 },
  target_seconds: { min: 0, max: staffingLimits.target_seconds },
  patience_seconds: { gt: 0, max: staffingLimits.patience_seconds },
  shrinkage: { min: 0, lt: 1 },
  max_occupancy: { gt: 0, max: 1 },
};
const fields = Object.entries(bounds) as [keyof StaffingInput, Bound][];
const optional = new Set<string>(['patience_seconds', 'max_occupancy']);

function problemWith(value: unknown, bound: Bound): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a finite number';
  if (bound.min !== undefined && value < bound.min) return `must be at least ${bound.min}`;
  if (bound.gt !== undefined && value <= bound.gt) return `must be greater than ${bound.gt}`;
  if (bound.max !== undefined && value > bound.max) return `must be at most ${bound.max}`;
  if (bound.lt !== undefined && value >= bound.lt) return `must be less than ${bound.lt}`;
  return undefined;
}

/**
 * Checks a request and fills in the defaults; the same rules as `staffingInputSchema`, without zod's
 * cost (a batch checks thousands). Throws AppError `validation_failed` naming every bad field.
 */
export function parseStaffingRequest(request: StaffingRequest, path = ''): StaffingInput {
  // One fixed shape, so the search reads it at full speed.
  const input: StaffingInput = {
    volume: request.volume,
    interval_minutes: request.interval_minutes === undefined ? staffingDefaults.interval_minutes : request.interval_minutes,
    aht_seconds: request.aht_seconds,
    target_service_level: request.target_service_level === undefined ? staffingDefaults.target_service_level : request.target_service_level,
    target_seconds: request.target_seconds === undefined ? staffingDefaults.target_seconds : request.target_seconds,
    patience_seconds: request.patience_seconds,
    shrinkage: request.shrinkage === undefined ? staffingDefaults.shrinkage : request.shrinkage,
    max_occupancy: request.max_occupancy,
  };
  const errors: ErrorDetail[] = [];
  for (const [key, bound] of fields) {
    const value = input[key];
    if (value === undefined && optional.has(key)) continue;
    const message = value === undefined ? 'is required' : problemWith(value, bound);
    if (message) errors.push({ path: `${path}${key}`, message });
  }
  for (const key in request) {
    if (!(key in bounds)) errors.push({ path: `${path}${key}`, message: 'is not a staffing field' });
  }
  if (errors.length > 0) throw new AppError('validation_failed', errors.map((e) => `${e.path} ${e.message}`).join('; '), errors);
  return input;
}

/** Offered traffic in Erlangs: calls per second × AHT. */
export function trafficOf(input: Pick<StaffingInput, 'volume' | 'interval_minutes' | 'aht_seconds'>): number {
  return (input.volume / (input.interval_minutes * 60)) * input.aht_seconds;
}

/**
 * Where the search gives up: beyond A + 12·√A + 100 agents P(wait) is below e^(−70) for any traffic
 * (Halfin–Whitt), so every X < 1 is met well before; and A / cap agents meet any occupancy cap.
 */
function searchLimit(traffic: number, cap: number): number {
  return Math.ceil(Math.max(traffic + 12 * Math.sqrt(traffic) + 100, traffic / cap + 1));
}

function unreachable(input: StaffingInput, limit: number): AppError {
  return new AppError(
    'unprocessable',
    `No agent count up to ${limit} reaches ${input.target_service_level} of calls answered within ${input.target_seconds} s.`,
  );
}

interface Staffed {
  agents: number;
  serviceLevel: number;
  asaSeconds: number;
  occupancy: number;
  probabilityOfWaiting: number;
  abandonment: number | null;
}

/**
 * Erlang C: step N up from floor(A) + 1, carrying the Erlang B recursion along in its reciprocal
 * form D_k = 1/B(k, A) − 1 = (k/A)·(1 + D_(k−1)) (a multiply-add a step where B's own form needs a
 * division), with P(wait) = N / (N + D_N·(N − A)), which is C(N, A) = N·B / (N − A·(1 − B)) rewritten.
 */
function staffErlangC(input: StaffingInput, traffic: number): Staffed {
  const cap = input.max_occupancy ?? 1;
  const limit = searchLimit(traffic, cap);
  const perErlang = 1 / traffic;
  const first = Math.floor(traffic) + 1;
  let noWait = 0;
  for (let k = 1; k < first; k++) noWait = k * perErlang * (1 + noWait);
  for (let agents = first; agents <= limit; agents++) {
    noWait = agents * perErlang * (1 + noWait);
    if (traffic / agents > cap) continue;
    const waiting = agents / (agents + noWait * (agents - traffic));
    const figures = erlangCFromWaiting(waiting, { agents, traffic, ahtSeconds: input.aht_seconds, targetSeconds: input.target_seconds });
    if (figures.serviceLevel >= input.target_service_level) return { agents, ...figures, abandonment: null };
  }
  throw unreachable(input, limit);
}

/**
 * Erlang A: the smallest N ≥ 1 meeting the targets. Counts below X·A cannot meet them (service level
 * ≤ answered share = carried load / A < N / A). Service level rises and occupancy falls with N
 * (property-tested against a plain scan from 1), so the search gallops from Erlang C's answer — a few
 * agents away when few callers abandon — in whichever direction it must, then bisects.
 */
function staffErlangA(input: StaffingInput, traffic: number, patienceSeconds: number): Staffed {
  const cap = input.max_occupancy ?? 1;
  const limit = searchLimit(traffic, cap);
  const masses = new NoWaitMasses(traffic);
  const queue = (agents: number): AbandonmentQueueInput => ({
    agents,
    traffic,
    ahtSeconds: input.aht_seconds,
    targetSeconds: input.target_seconds,
    patienceSeconds,
  });
  const probed = new Map<number, ReturnType<typeof erlangAMetricsWithoutAsa>>();
  const meets = (agents: number): boolean => {
    const figures = erlangAMetricsWithoutAsa(queue(agents), masses.at(agents));
    probed.set(agents, figures);
    return figures.serviceLevel >= input.target_service_level && figures.occupancy <= cap;
  };
  let failing = Math.max(1, Math.ceil(input.target_service_level * traffic)) - 1;
  let meeting = Math.min(limit, Math.max(failing + 1, staffErlangC(input, traffic).agents));
  if (meets(meeting)) {
    for (let step = 1; meeting - step > failing; step *= 2) {
      if (!meets(meeting - step)) {
        failing = meeting - step;
        break;
      }
      meeting -= step;
    }
  } else {
    for (let step = 1; !meets(meeting); step *= 2) {
      if (meeting >= limit) throw unreachable(input, limit);
      failing = meeting;
      meeting = Math.min(limit, meeting + step);
    }
  }
  while (meeting - failing > 1) {
    const middle = Math.floor((failing + meeting) / 2);
    if (meets(middle)) meeting = middle;
    else failing = middle;
  }
  const figures = probed.get(meeting) ?? erlangAMetricsWithoutAsa(queue(meeting), masses.at(meeting));
  return { agents: meeting, ...figures, asaSeconds: erlangAAsaSeconds(queue(meeting), figures) };
}

/** Scheduled agents: fte rounded up, forgiving the last-bit error of the division (14 / 0.7). */
function roundUp(fte: number): number {
  return Math.ceil(fte * (1 - 1e-12));
}

/**
 * Agents needed for one interval's target, the figures at that count, and FTE after shrinkage.
 * Throws AppError `validation_failed` for bad inputs and `unprocessable` when traffic exceeds the
 * supported range or no count meets the target.
 */
export function staffingFor(request: StaffingRequest, path = ''): StaffingResult {
  const input = parseStaffingRequest(request, path);
  const traffic = trafficOf(input);
  const model = input.patience_seconds === undefined ? 'erlang_c' : 'erlang_a';
  if (input.max_occupancy !== undefined && traffic / input.max_occupancy > staffingLimits.agents) {
    throw new AppError(
      'unprocessable',
      `An occupancy cap of ${input.max_occupancy} at ${Math.round(traffic)} Erlangs needs more than ${staffingLimits.agents} agents.`,
      [{ path: `${path}max_occupancy`, message: `needs more than ${staffingLimits.agents} agents` }],
    );
  }
  if (traffic > staffingLimits.traffic) {
    throw new AppError(
      'unprocessable',
      `The offered traffic of ${Math.round(traffic)} Erlangs is beyond the ${staffingLimits.traffic} supported.`,
      [{ path: `${path}volume`, message: `traffic ${traffic} Erlangs exceeds ${staffingLimits.traffic}` }],
    );
  }
  const staffed: Staffed =
    traffic === 0
      ? { agents: 0, serviceLevel: 1, asaSeconds: 0, occupancy: 0, probabilityOfWaiting: 0, abandonment: model === 'erlang_a' ? 0 : null }
      : input.patience_seconds === undefined
        ? staffErlangC(input, traffic)
        : staffErlangA(input, traffic, input.patience_seconds);
  const fte = staffed.agents / (1 - input.shrinkage);
  return {
    model,
    traffic_erlangs: traffic,
    agents: staffed.agents,
    service_level: staffed.serviceLevel,
    asa_seconds: staffed.asaSeconds,
    occupancy: staffed.occupancy,
    probability_of_waiting: staffed.probabilityOfWaiting,
    abandonment: staffed.abandonment,
    shrinkage: input.shrinkage,
    fte,
    scheduled_agents: roundUp(fte),
  };
}

/**
 * Staffing for many intervals (a day's curve, or many queues) and the totals: agent-hours, paid
 * hours after shrinkage, and those hours as shifts. Errors name the interval, e.g. `intervals.3.volume`.
 */
export function staffingForIntervals(requests: StaffingRequest[], shiftHours = 8): StaffingBatchResult {
  const data = requests.map((request, index) => staffingFor(request, `intervals.${index}.`));
  const summary: StaffingSummary = {
    intervals: data.length,
    agent_hours: 0,
    paid_hours: 0,
    shifts: 0,
    peak_agents: 0,
    peak_scheduled_agents: 0,
  };
  data.forEach((result, index) => {
    const hours = (requests[index]?.interval_minutes ?? staffingDefaults.interval_minutes) / 60;
    summary.agent_hours += result.agents * hours;
    summary.paid_hours += result.fte * hours;
    summary.peak_agents = Math.max(summary.peak_agents, result.agents);
    summary.peak_scheduled_agents = Math.max(summary.peak_scheduled_agents, result.scheduled_agents);
  });
  summary.shifts = summary.paid_hours / shiftHours;
  return { data, summary };
}
