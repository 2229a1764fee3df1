/**
 * SLA clocks, pure: replays a ticket's events and measures each target against its policy.
 *
 * The events are the source of truth. The replay cuts each target's instances ("cycles") out of the
 * history as wall-clock pieces, each carrying the ticket's status during it; measuring then counts
 * the pieces whose status does not pause the clock, in business or calendar time, against the target.
 *
 * - first_response: starts when the ticket is created; met by the first public agent reply; never
 *   pauses; solving without a reply stops it (cancelled, or breached if it was already late).
 * - next_reply: starts at a customer's public message once an agent has replied publicly and no
 *   next-reply clock is already running; met by the next public agent reply; pauses while pending or
 *   on hold (the policy's pause statuses); solving stops it.
 * - periodic_update: starts at each public agent reply while the ticket is unsolved; met by the next
 *   one (which starts the next cycle); pauses like next_reply; solving stops it.
 * - resolution: starts when the ticket is created; pauses like next_reply; met when solved (or
 *   closed). A reopen either resumes the same clock — the time spent solved does not count — or
 *   restarts it with a full target, as the policy's `on_reopen` says (default: resume).
 * - A ticket merged into another stops all of its clocks (cancelled).
 *
 * Which policy measures an instance: an instance that has ended is measured with the policy that
 * matched the ticket when it ended (a met target is not re-judged when the priority changes later);
 * an instance still open is measured with the policy that matches the ticket now, from its start.
 * So raising a ticket to P1 re-targets its open clocks from when they started, as mature help desks do.
 *
 * Deadlines: `due_at` is the earliest instant at which the business time elapsed reaches the target.
 * A target met at `due_at` exactly is met; anything later is late. A clock is breached from the
 * first instant after `due_at`.
 */
import { addBusinessMs, type BusinessCalendar, businessTimeBetween } from './business-hours.ts';
import { type SlaTarget, slaTargets } from './sla-policy.ts';

export interface SlaEvent {
  type: string;
  field: string | null;
  before: unknown;
  after: unknown;
  at: number;
}

/** The attributes that may change during a ticket's life and re-select its policy. */
export interface ReplayAttributes {
  priority: string;
  channel: string;
  category_id: number | null;
}

/** What measures a target: its length and the calendar it counts in (null: around the clock). */
export interface TargetRule {
  policyId: number;
  minutes: number;
  businessHours: boolean;
  calendar: BusinessCalendar | null;
  pauseStatuses: ReadonlySet<string>;
  warningThresholds: readonly number[];
}

export interface ReplayPolicy {
  onReopen: 'resume' | 'restart';
  rule(target: SlaTarget, priority: string): TargetRule | null;
}

export interface ReplayInput {
  createdAt: number;
  /** The ticket's row now: the attributes (and status) that no event records fall back to it. */
  current: ReplayAttributes & { status: string };
  /** Ordered as they happened (by id). */
  events: readonly SlaEvent[];
  policyFor(attributes: ReplayAttributes): ReplayPolicy | null;
  now: number;
}

export type ClockStatus = 'running' | 'paused' | 'met' | 'met_late' | 'breached' | 'cancelled';

export interface ClockState {
  target: SlaTarget;
  policy_id: number;
  /** 1 for the first instance of this target on the ticket, 2 for the next… */
  cycle: number;
  status: ClockStatus;
  target_minutes: number;
  business_hours: boolean;
  started_at: Date;
  /** The deadline while the clock runs (in the past once breached); null while paused and once stopped. */
  due_at: Date | null;
  breached_at: Date | null;
  met_at: Date | null;
  /** When a clock stopped without being met (solved without a reply, merged). */
  stopped_at: Date | null;
  /** Wall-clock time spent paused. */
  paused_ms: number;
  /** Business (or calendar) time counted so far, as of the end or `now`. */
  elapsed_ms: number;
  /** Target minus elapsed; negative once late. */
  remaining_ms: number;
  /** When each warning threshold is (or was) reached, aligned with the policy's thresholds; only while running. */
  warning_ats: (Date | null)[];
  /** The next warning after `now`, if the clock runs. */
  warning_at: Date | null;
  /** Over every instance of this target on the ticket. */
  cycles_met: number;
  cycles_breached: number;
}

/** ClockState with instants as epoch milliseconds: what the bulk path stores without allocating Dates. */
export type RawClock = Omit<
  ClockState,
  'started_at' | 'due_at' | 'breached_at' | 'met_at' | 'stopped_at' | 'warning_ats' | 'warning_at'
> & {
  started_at: number;
  due_at: number | null;
  breached_at: number | null;
  met_at: number | null;
  stopped_at: number | null;
  warning_ats: (number | null)[];
  warning_at: number | null;
};

interface Piece {
  from: number;
  status: string;
}

interface Instance {
  target: SlaTarget;
  cycle: number;
  startedAt: number;
  pieces: Piece[];
  endedAt: number | null;
  endReason: 'met' | 'cancelled' | null;
  /** The attributes when it ended; open instances use the final ones. */
  attributes: ReplayAttributes | null;
}

const done = (status: string) => status === 'solved' || status === 'closed';
const asString = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const asId = (value: unknown): number | null =>
  typeof value === 'number' ? value : value === null ? null : Number.isFinite(Number(value)) ? Number(value) : null;

/** The ticket's attributes at creation: the `before` of each field's first change, else today's value. */
function initialAttributes(input: ReplayInput): ReplayAttributes & { status: string } {
  const initial: ReplayAttributes & { status: string } = { ...input.current };
  const seen = new Set<string>();
  for (const event of input.events) {
    if (event.type === 'ticket.created' && event.after && typeof event.after === 'object') {
      const after = event.after as Record<string, unknown>;
      // The creation event states the initial values; a field changed later still takes its first `before`.
      for (const field of ['status', 'priority', 'channel'] as const) {
        const value = asString(after[field]);
        if (value !== null && !seen.has(field)) initial[field] = value;
      }
      if ('category_id' in after && !seen.has('category_id')) initial.category_id = asId(after.category_id);
      continue;
    }
    if (event.type !== 'ticket.field_changed' || !event.field || seen.has(event.field)) continue;
    if (event.field === 'status' || event.field === 'priority' || event.field === 'channel') {
      seen.add(event.field);
      const value = asString(event.before);
      if (value !== null) initial[event.field] = value;
    } else if (event.field === 'category_id') {
      seen.add(event.field);
      initial.category_id = asId(event.before);
    }
  }
  return initial;
}

/** The replay's state as it walks the events (a class: its methods are not re-created per ticket). */
class Replayer {
  status = 'new';
  readonly instances: Instance[] = [];
  readonly open = new Map<SlaTarget, Instance>();
  readonly cycles = new Map<SlaTarget, number>();
  lastResolution: Instance | null = null;
  agentReplied = false;
  merged = false;

  constructor(
    readonly attributes: ReplayAttributes,
    private readonly policyFor: ReplayInput['policyFor'],
  ) {}

  begin(target: SlaTarget, at: number): void {
    const cycle = (this.cycles.get(target) ?? 0) + 1;
    this.cycles.set(target, cycle);
    const instance: Instance = {
      target,
      cycle,
      startedAt: at,
      pieces: [{ from: at, status: this.status }],
      endedAt: null,
      endReason: null,
      attributes: null,
    };
    this.instances.push(instance);
    this.open.set(target, instance);
    if (target === 'resolution') this.lastResolution = instance;
  }

  end(target: SlaTarget, at: number, reason: 'met' | 'cancelled'): void {
    const instance = this.open.get(target);
    if (!instance) return;
    instance.endedAt = at;
    instance.endReason = reason;
    instance.attributes = { ...this.attributes };
    this.open.delete(target);
  }

  changeStatus(to: string, at: number): void {
    const from = this.status;
    if (to === from) return;
    this.status = to;
    if (!done(from) && done(to)) {
      this.end('resolution', at, this.merged ? 'cancelled' : 'met');
      this.end('first_response', at, 'cancelled');
      this.end('next_reply', at, 'cancelled');
      this.end('periodic_update', at, 'cancelled');
      return;
    }
    if (done(from) && !done(to)) {
      const onReopen = this.policyFor(this.attributes)?.onReopen ?? 'resume';
      const previous = this.lastResolution;
      if (onReopen === 'resume' && previous && previous.endReason === 'met' && previous.endedAt !== null) {
        previous.pieces.push({ from: previous.endedAt, status: from }, { from: at, status: to });
        previous.endedAt = null;
        previous.endReason = null;
        previous.attributes = null;
        this.open.set('resolution', previous);
      } else if (!this.open.has('resolution')) {
        this.begin('resolution', at);
      }
    }
    for (const instance of this.open.values()) {
      const last = instance.pieces[instance.pieces.length - 1];
      if (last && last.from === at) last.status = to;
      else instance.pieces.push({ from: at, status: to });
    }
  }

  apply(event: SlaEvent): void {
    const at = event.at;
    switch (event.type) {
      case 'ticket.field_changed': {
        if (event.field === 'status') {
          const to = asString(event.after);
          if (to) this.changeStatus(to, at);
        } else if (event.field === 'priority' || event.field === 'channel') {
          const to = asString(event.after);
          if (to) this.attributes[event.field] = to;
        } else if (event.field === 'category_id') {
          this.attributes.category_id = asId(event.after);
        }
        return;
      }
      case 'ticket.merged':
        this.merged = true;
        return;
      case 'comment.added': {
        const after = (event.after ?? {}) as { public?: unknown; author?: unknown };
        if (after.public !== true) return;
        if (after.author === 'agent') {
          this.end('first_response', at, 'met');
          this.end('next_reply', at, 'met');
          this.end('periodic_update', at, 'met');
          this.agentReplied = true;
          if (!done(this.status)) this.begin('periodic_update', at);
        } else if (after.author === 'customer') {
          if (this.agentReplied && !this.open.has('next_reply') && this.status !== 'closed') this.begin('next_reply', at);
        }
        return;
      }
      default:
        return;
    }
  }
}

/** Cuts the history into instances of each target. */
export function replay(input: ReplayInput): { instances: Instance[]; attributes: ReplayAttributes } {
  const start = initialAttributes(input);
  const replayer = new Replayer({ priority: start.priority, channel: start.channel, category_id: start.category_id }, input.policyFor);
  // Both clocks start with the ticket; a ticket created pending or solved then takes that status at once.
  replayer.begin('first_response', input.createdAt);
  replayer.begin('resolution', input.createdAt);
  replayer.changeStatus(start.status, input.createdAt);
  for (const event of input.events) replayer.apply(event);
  return { instances: replayer.instances, attributes: replayer.attributes };
}

const neverPauses: ReadonlySet<string> = new Set();

/** Measures one instance against a rule as of `now`. */
export function measure(instance: Instance, rule: TargetRule, now: number): RawClock {
  const targetMs = rule.minutes * 60_000;
  const calendar = rule.businessHours ? rule.calendar : null;
  const stop = instance.endedAt ?? now;
  const thresholds = rule.warningThresholds;
  const warnings: (number | null)[] = thresholds.map(() => null);
  const pausing = instance.target === 'first_response' ? neverPauses : rule.pauseStatuses;
  let elapsed = 0;
  let paused = 0;
  let breachedAt: number | null = null;
  let dueAt: number | null = null;
  let running = false;
  const pieces = instance.pieces;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] as Piece;
    const isLast = i === pieces.length - 1;
    const end = Math.max(piece.from, isLast ? stop : Math.min((pieces[i + 1] as Piece).from, stop));
    const counts = !pausing.has(piece.status) && !done(piece.status);
    const openEnded = isLast && instance.endedAt === null;
    if (!counts) {
      paused += end - piece.from;
      running = false;
      continue;
    }
    running = openEnded;
    if (breachedAt === null) {
      const due = addBusinessMs(calendar, piece.from, targetMs - elapsed);
      if (openEnded) dueAt = due;
      if (end > due) breachedAt = due;
    }
    for (let k = 0; k < thresholds.length; k++) {
      if (warnings[k] !== null) continue;
      const at = ((thresholds[k] as number) * targetMs) / 100;
      if (elapsed > at) continue;
      const reached = addBusinessMs(calendar, piece.from, at - elapsed);
      if (openEnded || reached <= end) warnings[k] = reached;
    }
    elapsed += businessTimeBetween(calendar, piece.from, end);
    if (openEnded && breachedAt !== null) dueAt = breachedAt;
  }

  let status: ClockStatus;
  if (instance.endReason === 'met') status = breachedAt !== null ? 'met_late' : 'met';
  else if (instance.endReason === 'cancelled') status = breachedAt !== null ? 'breached' : 'cancelled';
  else if (breachedAt !== null) status = 'breached';
  else status = running ? 'running' : 'paused';
  const live = instance.endedAt === null && running;
  const next = live ? warnings.find((w) => w !== null && w > now) : undefined;
  return {
    target: instance.target,
    policy_id: rule.policyId,
    cycle: instance.cycle,
    status,
    target_minutes: rule.minutes,
    business_hours: rule.businessHours,
    started_at: instance.startedAt,
    due_at: live ? dueAt : null,
    breached_at: breachedAt,
    met_at: instance.endReason === 'met' ? instance.endedAt : null,
    stopped_at: instance.endReason === 'cancelled' ? instance.endedAt : null,
    paused_ms: paused,
    elapsed_ms: elapsed,
    remaining_ms: targetMs - elapsed,
    warning_ats: live ? warnings : [],
    warning_at: next ?? null,
    cycles_met: 0,
    cycles_breached: 0,
  };
}

const date = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

/** A raw clock with Dates, for the API and callers that want them. */
export function toClockState(raw: RawClock): ClockState {
  return {
    ...raw,
    started_at: new Date(raw.started_at),
    due_at: date(raw.due_at),
    breached_at: date(raw.breached_at),
    met_at: date(raw.met_at),
    stopped_at: date(raw.stopped_at),
    warning_ats: raw.warning_ats.map(date),
    warning_at: date(raw.warning_at),
  };
}

/**
 * The ticket's clocks: for each target, its latest instance that the applicable policy measures,
 * with how many instances of it were met and breached. Targets no policy measures are absent.
 */
export function computeClocks(input: ReplayInput): ClockState[] {
  return computeRawClocks(input).map(toClockState);
}

/** computeClocks with instants in epoch milliseconds. */
export function computeRawClocks(input: ReplayInput): RawClock[] {
  const { instances, attributes } = replay(input);
  const policies = new Map<string, ReplayPolicy | null>();
  const policyFor = (a: ReplayAttributes) => {
    const key = `${a.priority}|${a.channel}|${a.category_id}`;
    if (!policies.has(key)) policies.set(key, input.policyFor(a));
    return policies.get(key) ?? null;
  };
  const latest = new Map<SlaTarget, RawClock>();
  const met = new Map<SlaTarget, number>();
  const breached = new Map<SlaTarget, number>();
  for (const instance of instances) {
    const at = instance.attributes ?? attributes;
    const rule = policyFor(at)?.rule(instance.target, at.priority);
    if (!rule) continue;
    const state = measure(instance, rule, input.now);
    const previous = latest.get(instance.target);
    if (!previous || previous.cycle < state.cycle) latest.set(instance.target, state);
    if (state.status === 'met') met.set(instance.target, (met.get(instance.target) ?? 0) + 1);
    if (state.status === 'met_late' || state.status === 'breached') breached.set(instance.target, (breached.get(instance.target) ?? 0) + 1);
  }
  const clocks: RawClock[] = [];
  for (const target of slaTargets) {
    const state = latest.get(target);
    if (!state) continue;
    state.cycles_met = met.get(target) ?? 0;
    state.cycles_breached = breached.get(target) ?? 0;
    clocks.push(state);
  }
  return clocks;
}
