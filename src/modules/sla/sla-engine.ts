/**
 * Recomputing SLA clocks from the events, and turning passed deadlines into breach and warning events.
 * Every function takes the database handle it must use: inside a transaction, pass the transaction.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Context } from '../../platform/context.ts';
import { BusinessCalendar } from './business-hours.ts';
import {
  type ClockState,
  computeRawClocks,
  type RawClock,
  type ReplayAttributes,
  toClockState,
  type ReplayPolicy,
  type TargetRule,
} from './sla-clock.ts';
import { type MatchAttributes, type SlaPolicy, type SlaTarget, selectPolicy, targetFor } from './sla-policy.ts';
import * as repo from './sla.repository.ts';

type Db = Kysely<Database>;

/** Policies in order with compiled calendars: loaded once per recomputation, shared by every ticket in it. */
export class SlaSetup {
  private readonly replayPolicies = new Map<number, ReplayPolicy>();
  private readonly paths = new Map<number | null, number[]>();

  constructor(
    readonly policies: readonly SlaPolicy[],
    readonly calendars: ReadonlyMap<number, BusinessCalendar>,
    private readonly parents: ReadonlyMap<number, number | null>,
  ) {}

  /** The category and its ancestors, for conditions on a parent category. */
  categoryPath(categoryId: number | null): number[] {
    let path = this.paths.get(categoryId);
    if (path) return path;
    path = [];
    for (let id = categoryId, hops = 0; id !== null && id !== undefined && hops < 20; hops++) {
      path.push(id);
      id = this.parents.get(id) ?? null;
    }
    this.paths.set(categoryId, path);
    return path;
  }

  select(ticket: MatchAttributes): SlaPolicy | null {
    return selectPolicy(this.policies, ticket);
  }

  replayPolicy(policy: SlaPolicy): ReplayPolicy {
    let replay = this.replayPolicies.get(policy.id);
    if (replay) return replay;
    const calendar = this.calendars.get(policy.calendar_id) ?? null;
    const pauseStatuses = new Set<string>(policy.pause_statuses);
    const rules = new Map<string, TargetRule | null>();
    replay = {
      onReopen: policy.on_reopen,
      rule(target: SlaTarget, priority: string): TargetRule | null {
        const key = `${target}/${priority}`;
        if (rules.has(key)) return rules.get(key) ?? null;
        const spec = targetFor(policy, target, priority);
        const rule = spec
          ? {
              policyId: policy.id,
              minutes: spec.minutes,
              businessHours: spec.business_hours,
              calendar,
              pauseStatuses,
              warningThresholds: policy.warning_thresholds,
            }
          : null;
        rules.set(key, rule);
        return rule;
      },
    };
    this.replayPolicies.set(policy.id, replay);
    return replay;
  }
}

export async function loadSlaSetup(db: Db): Promise<SlaSetup> {
  const policyRows = await repo.listPolicies(db);
  const calendarRows = await repo.listCalendars(db);
  const policies = policyRows.map(repo.policyOf);
  const calendars = new Map(calendarRows.map((row) => [row.id, new BusinessCalendar(repo.calendarSpec(row))]));
  const needsCategories = policies.some((p) => p.active && p.conditions.category_ids !== undefined);
  const parents = needsCategories
    ? new Map((await repo.categoryParents(db)).map((c) => [c.id, c.parent_id]))
    : new Map<number, number | null>();
  return new SlaSetup(policies, calendars, parents);
}

const tiersOf = (facts: repo.TicketFacts): string[] =>
  [facts.requester_tier, facts.organization_tier].filter((tier): tier is string => typeof tier === 'string');

function matchAttributes(setup: SlaSetup, facts: repo.TicketFacts, attributes: ReplayAttributes): MatchAttributes {
  return {
    priority: attributes.priority,
    channel: attributes.channel,
    organization_id: facts.organization_id,
    value_tiers: tiersOf(facts),
    category_path: setup.categoryPath(attributes.category_id),
  };
}

/** The policy that applies to the ticket as it is now. */
export function currentPolicy(setup: SlaSetup, facts: repo.TicketFacts): SlaPolicy | null {
  return setup.select(matchAttributes(setup, facts, facts));
}

/** Pure: the clocks of one ticket from its facts and events, instants in epoch milliseconds. */
export function rawClocksFor(setup: SlaSetup, facts: repo.TicketFacts, events: readonly repo.EventRow[], now: Date): RawClock[] {
  return computeRawClocks({
    createdAt: new Date(facts.created_at).getTime(),
    current: { status: facts.status, priority: facts.priority, channel: facts.channel, category_id: facts.category_id },
    events,
    policyFor: (attributes) => {
      const policy = setup.select(matchAttributes(setup, facts, attributes));
      return policy ? setup.replayPolicy(policy) : null;
    },
    now: now.getTime(),
  });
}

/** Pure: the clocks of one ticket from its facts and events. */
export function clocksFor(setup: SlaSetup, facts: repo.TicketFacts, events: readonly repo.EventRow[], now: Date): ClockState[] {
  return rawClocksFor(setup, facts, events, now).map(toClockState);
}

/** Recomputes and stores the clocks of these tickets (facts already loaded). Returns the clocks written. */
async function recomputeLoaded(
  db: Db,
  setup: SlaSetup,
  facts: readonly repo.TicketFacts[],
  now: Date,
  deleteStale = true,
): Promise<repo.ClockBatch> {
  const ids = facts.map((f) => f.id);
  const events = await repo.clockEvents(db, ids);
  const batch = new repo.ClockBatch();
  // Events come ordered by ticket: walk both lists together.
  let e = 0;
  const sorted = [...facts].sort((a, b) => a.id - b.id);
  for (const ticket of sorted) {
    while (e < events.length && (events[e] as repo.EventRow).ticket_id < ticket.id) e++;
    const first = e;
    let lastEventId = 0;
    while (e < events.length && (events[e] as repo.EventRow).ticket_id === ticket.id)
      lastEventId = Math.max(lastEventId, (events[e++] as repo.EventRow).id);
    const own = events.slice(first, e);
    for (const clock of rawClocksFor(setup, ticket, own, now)) batch.add(ticket.id, lastEventId, clock);
  }
  await repo.saveClocks(db, ids, batch, now, { deleteStale });
  return batch;
}

/**
 * Re-derives a ticket's clocks from its events and stores them. Call it after every change to a
 * ticket, with the transaction that made the change (`trx`), so that clocks and ticket commit together.
 */
export async function recomputeSlaForTicket(db: Db, ticketId: number, now: Date, setup?: SlaSetup): Promise<ClockState[]> {
  return recomputeSlaForTickets(db, [ticketId], now, setup);
}

/** The same for several tickets at once (bulk changes, merges). */
export async function recomputeSlaForTickets(db: Db, ticketIds: readonly number[], now: Date, setup?: SlaSetup): Promise<ClockState[]> {
  if (ticketIds.length === 0) return [];
  const loaded = setup ?? (await loadSlaSetup(db));
  const facts = await repo.ticketFacts(db, [...new Set(ticketIds)]);
  return (await recomputeLoaded(db, loaded, facts, now)).clocks.map(toClockState);
}

/** The setup shared by every request of this process, until a policy, calendar or category changes. Call it outside transactions. */
export function cachedSlaSetup(ctx: Pick<Context, 'cache' | 'db'>): Promise<SlaSetup> {
  return ctx.cache.get('sla', 'setup', () => loadSlaSetup(ctx.db));
}

/** What a new ticket's clocks depend on: its facts at creation, and the id of its last event. */
export interface NewTicketFacts extends repo.TicketFacts {
  last_event_id: number;
  /** The first message came from the requester (it opens the first-response clock as a customer message). */
  from_customer: boolean;
}

/**
 * Starts the clocks of a ticket just created, from what its creation wrote (no reads): the creation
 * event and the requester's first message. Call it in the creating transaction.
 */
export async function startSlaForNewTicket(db: Db, setup: SlaSetup, facts: NewTicketFacts, now: Date): Promise<ClockState[]> {
  const at = new Date(facts.created_at).getTime();
  const created: repo.EventRow = {
    id: facts.last_event_id - 1,
    ticket_id: facts.id,
    type: 'ticket.created',
    field: null,
    before: null,
    after:
      facts.category_id === null
        ? { status: facts.status, priority: facts.priority, channel: facts.channel }
        : { status: facts.status, priority: facts.priority, channel: facts.channel, category_id: facts.category_id },
    at,
  };
  const message: repo.EventRow = {
    id: facts.last_event_id,
    ticket_id: facts.id,
    type: 'comment.added',
    field: null,
    before: null,
    after: { public: true, author: facts.from_customer ? 'customer' : 'agent' },
    at,
  };
  const batch = new repo.ClockBatch();
  for (const clock of rawClocksFor(setup, facts, [created, message], now)) batch.add(facts.id, facts.last_event_id, clock);
  if (batch.size > 0) await repo.saveClocks(db, [facts.id], batch, now, { deleteStale: false });
  return batch.clocks.map(toClockState);
}

export interface RecomputeAllResult {
  tickets: number;
  clocks: number;
  batches: number;
  ms: number;
}

/**
 * Recomputes every unsolved ticket's clocks, after a change of policies or calendars: batches of
 * tickets in id order, each read and written in a few set-based statements, several batches at a
 * time on PostgreSQL. Solved and closed tickets keep the clocks they ended with.
 */
export async function recomputeAll(
  db: Db,
  now: Date,
  options: { batchSize?: number; concurrency?: number; onBatch?: (done: number) => void } = {},
): Promise<RecomputeAllResult> {
  const started = performance.now();
  const setup = await loadSlaSetup(db);
  // On a first computation nothing can be stale, and the planner's idea of the (empty) table would make the deletion scan it.
  const deleteStale = await repo.anyClock(db);
  const batchSize = options.batchSize ?? 2_000;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  let cursor = 0;
  let reading: Promise<void> = Promise.resolve();
  let exhausted = false;
  const totals = { tickets: 0, clocks: 0, batches: 0 };
  // Pages are read one after the other (keyset on id); each page's events, computation and write run in parallel with others.
  const nextPage = async (): Promise<repo.TicketFacts[]> => {
    let page: repo.TicketFacts[] = [];
    const turn = reading.then(async () => {
      if (exhausted) return;
      page = await repo.openTicketFacts(db, cursor, batchSize);
      if (page.length < batchSize) exhausted = true;
      const last = page[page.length - 1];
      if (last) cursor = last.id;
    });
    reading = turn;
    await turn;
    return page;
  };
  // A worker is added only while full pages keep coming, so a small recomputation uses one connection.
  const workers: Promise<void>[] = [];
  const worker = async (): Promise<void> => {
    for (;;) {
      const page = await nextPage();
      if (page.length === 0) return;
      if (page.length === batchSize && !exhausted && workers.length < concurrency) workers.push(worker());
      const batch = await recomputeLoaded(db, setup, page, now, deleteStale);
      totals.tickets += page.length;
      totals.clocks += batch.size;
      totals.batches += 1;
      options.onBatch?.(totals.tickets);
    }
  };
  workers.push(worker());
  for (let i = 0; i < workers.length; i++) await workers[i];
  return { ...totals, ms: performance.now() - started };
}

export interface DetectResult {
  breaches: repo.Notice[];
  warnings: (repo.Notice & { threshold_percent: number | null })[];
}

/**
 * Turns passed deadlines into `sla.breached` events and passed warning thresholds into
 * `sla.warning` events, each exactly once per clock cycle (conditional updates). Run it every
 * minute from the job queue; it is cheap when nothing is due (two index range scans).
 */
export async function detectBreaches(db: Db, now: Date): Promise<DetectResult> {
  const breaches = await repo.markBreaches(db, now);
  const warnings = await repo.markWarnings(db, now);
  return { breaches, warnings };
}
