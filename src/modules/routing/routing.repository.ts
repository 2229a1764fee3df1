import { type Kysely, sql } from 'kysely';
import type { AgentState, CapacityChannel, Database, TicketPriority, TicketStatus } from '../../db/schema.ts';
import { type ChannelClass, channelClasses, channelClassOf } from './routing-engine.ts';

type Db = Kysely<Database>;

/** Roles that take routed work (analysts read only; customers are not agents). */
export const routableRoles = ['associate', 'engineer', 'manager', 'tam', 'head_of_support', 'admin'] as const;
/** Work that occupies an agent: untouched or open tickets; pending and on-hold ones wait on someone else. */
export const activeStatuses: TicketStatus[] = ['new', 'open'];

export interface AgentRecord {
  id: number;
  name: string;
  role: string;
  tier: number | null;
  languages: string[];
  state: AgentState;
  stateChannel: string | null;
  stateReason: string | null;
  since: Date | null;
  lastAssignedAt: Date | null;
  groupIds: number[];
  skills: Map<string, number>;
  capacity: Record<ChannelClass, number>;
  load: Record<ChannelClass, number>;
  offered: Record<ChannelClass, number>;
}

const zero = (): Record<ChannelClass, number> => ({ voice: 0, chat: 0, email: 0 });

/**
 * Every agent who can take routed work, with presence, skills, groups, capacity (agent override,
 * else the largest of their groups', else the default) and current load (open work plus open offers).
 */
export async function loadAgents(
  db: Db,
  defaults: Record<CapacityChannel, number>,
  filter: { userIds?: number[] | undefined } = {},
): Promise<AgentRecord[]> {
  if (filter.userIds && filter.userIds.length === 0) return [];
  let users = db
    .selectFrom('users as u')
    .leftJoin('agent_states as s', 's.user_id', 'u.id')
    .select(['u.id', 'u.name', 'u.role', 'u.tier', 'u.languages', 's.state', 's.channel', 's.reason', 's.since', 's.last_assigned_at'])
    .where('u.active', '=', true)
    .where('u.role', 'in', [...routableRoles])
    .orderBy('u.id');
  if (filter.userIds) users = users.where('u.id', 'in', filter.userIds);
  const rows = await users.execute();
  if (rows.length === 0) return [];
  const ids = filter.userIds ? rows.map((r) => r.id) : undefined;
  const [skills, memberships, capacities, loads, offers] = await Promise.all([
    db
      .selectFrom('agent_skills as a')
      .innerJoin('skills as k', 'k.id', 'a.skill_id')
      .select(['a.user_id', 'k.name', 'a.proficiency'])
      .$if(ids !== undefined, (q) => q.where('a.user_id', 'in', ids as number[]))
      .execute(),
    db
      .selectFrom('group_memberships')
      .select(['user_id', 'group_id'])
      .$if(ids !== undefined, (q) => q.where('user_id', 'in', ids as number[]))
      .execute(),
    db.selectFrom('routing_capacities').select(['user_id', 'group_id', 'channel', 'capacity']).execute(),
    db
      .selectFrom('tickets')
      .select(['assignee_id', 'channel', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', 'in', activeStatuses)
      .where('assignee_id', 'is not', null)
      .$if(ids !== undefined, (q) => q.where('assignee_id', 'in', ids as number[]))
      .groupBy(['assignee_id', 'channel'])
      .execute(),
    db
      .selectFrom('routing_offers as o')
      .innerJoin('tickets as t', 't.id', 'o.ticket_id')
      .select(['o.user_id', 't.channel', (eb) => eb.fn.countAll<number>().as('n')])
      .where('o.status', '=', 'offered')
      .$if(ids !== undefined, (q) => q.where('o.user_id', 'in', ids as number[]))
      .groupBy(['o.user_id', 't.channel'])
      .execute(),
  ]);

  const agents = new Map<number, AgentRecord>();
  for (const r of rows) {
    agents.set(r.id, {
      id: r.id,
      name: r.name,
      role: r.role,
      tier: r.tier,
      languages: r.languages,
      state: r.state ?? 'offline',
      stateChannel: r.channel,
      stateReason: r.reason,
      since: r.since,
      lastAssignedAt: r.last_assigned_at,
      groupIds: [],
      skills: new Map(),
      capacity: { ...defaults },
      load: zero(),
      offered: zero(),
    });
  }
  for (const s of skills) agents.get(s.user_id)?.skills.set(s.name, s.proficiency);
  for (const m of memberships) agents.get(m.user_id)?.groupIds.push(m.group_id);
  const groupCapacity = new Map<number, Partial<Record<ChannelClass, number>>>();
  for (const c of capacities)
    if (c.group_id !== null) groupCapacity.set(c.group_id, { ...groupCapacity.get(c.group_id), [c.channel]: c.capacity });
  for (const agent of agents.values()) {
    for (const channel of channelClasses) {
      const fromGroups = agent.groupIds.map((g) => groupCapacity.get(g)?.[channel]).filter((v): v is number => v !== undefined);
      if (fromGroups.length) agent.capacity[channel] = Math.max(...fromGroups);
    }
  }
  for (const c of capacities) {
    const agent = c.user_id !== null ? agents.get(c.user_id) : undefined;
    if (agent) agent.capacity[c.channel] = c.capacity;
  }
  for (const l of loads) {
    const agent = agents.get(l.assignee_id as number);
    if (agent) agent.load[channelClassOf(l.channel)] += Number(l.n);
  }
  for (const o of offers) {
    const agent = agents.get(o.user_id);
    if (agent) agent.offered[channelClassOf(o.channel)] += Number(o.n);
  }
  return [...agents.values()];
}

export interface QueueRow {
  id: number;
  subject: string;
  channel: string;
  status: TicketStatus;
  priority: TicketPriority;
  group_id: number | null;
  tier: number;
  created_at: Date;
  category_path: string | null;
  language: string;
  customer_tier: string;
  organization_tier: string | null;
  account_owner_id: number | null;
  requester_name: string;
  organization_name: string | null;
  due_at: Date | null;
  excluded: number[];
}

/** Unassigned, unsolved tickets with no open offer: the routing queue (oldest first, up to `limit`). */
export async function loadQueue(db: Db, options: { limit: number; ticketIds?: number[] | undefined }): Promise<QueueRow[]> {
  if (options.ticketIds && options.ticketIds.length === 0) return [];
  let query = db
    .selectFrom('tickets as t')
    .innerJoin('customers as c', 'c.id', 't.requester_id')
    .leftJoin('organizations as o', 'o.id', 't.organization_id')
    .leftJoin('categories as k', 'k.id', 't.category_id')
    .select([
      't.id',
      't.subject',
      't.channel',
      't.status',
      't.priority',
      't.group_id',
      't.tier',
      't.created_at',
      'k.path as category_path',
      'c.language',
      'c.value_tier as customer_tier',
      'c.name as requester_name',
      'o.value_tier as organization_tier',
      'o.name as organization_name',
      'o.account_owner_id',
      (eb) =>
        eb
          .selectFrom('sla_clocks as s')
          .select((e) => e.fn.min('s.due_at').as('due'))
          .whereRef('s.ticket_id', '=', 't.id')
          .where('s.status', '=', 'running')
          .as('due_at'),
    ])
    .where('t.assignee_id', 'is', null)
    .where('t.status', 'in', activeStatuses)
    .where('t.merged_into_id', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('routing_offers as r').select('r.id').whereRef('r.ticket_id', '=', 't.id').where('r.status', '=', 'offered'),
        ),
      ),
    )
    .orderBy('t.created_at')
    .orderBy('t.id')
    .limit(options.limit);
  if (options.ticketIds) query = query.where('t.id', 'in', options.ticketIds);
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const declined = await db
    .selectFrom('routing_offers')
    .select(['ticket_id', 'user_id'])
    .where('status', 'in', ['declined', 'timed_out'])
    .where(
      'ticket_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const excluded = new Map<number, number[]>();
  for (const d of declined) excluded.set(d.ticket_id, [...(excluded.get(d.ticket_id) ?? []), d.user_id]);
  return rows.map((r) => ({ ...r, due_at: r.due_at ? new Date(r.due_at as unknown as string) : null, excluded: excluded.get(r.id) ?? [] }));
}

/** Agents who might take any of these tickets: members of their groups, agents of their tier (when ungrouped), their account owners. */
export async function candidateAgents(db: Db, rows: Pick<QueueRow, 'group_id' | 'tier' | 'account_owner_id'>[]): Promise<number[]> {
  const groupIds = [...new Set(rows.flatMap((r) => (r.group_id !== null ? [r.group_id] : [])))];
  const tiers = [...new Set(rows.flatMap((r) => (r.group_id === null ? [r.tier] : [])))];
  const owners = [...new Set(rows.flatMap((r) => (r.account_owner_id !== null ? [r.account_owner_id] : [])))];
  const found = await db
    .selectFrom('users')
    .select('id')
    .where((eb) =>
      eb.or([
        ...(groupIds.length
          ? [eb('id', 'in', eb.selectFrom('group_memberships').select('user_id').where('group_id', 'in', groupIds))]
          : []),
        ...(tiers.length ? [eb('tier', 'in', tiers)] : []),
        ...(owners.length ? [eb('id', 'in', owners)] : []),
      ]),
    )
    .execute();
  return found.map((r) => r.id);
}

/** Names of every defined skill: a ticket requires only skills the organization has defined. */
export async function knownSkills(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('skills').select('name').execute();
  return new Set(rows.map((r) => r.name));
}

/** Serializes routing decisions across processes for the rest of the transaction. */
export async function lockRouting(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(74201305)`.execute(db);
}

export async function markAssigned(db: Db, userId: number, at: Date): Promise<void> {
  await db
    .insertInto('agent_states')
    .values({ user_id: userId, state: 'offline', since: at, last_assigned_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ last_assigned_at: at }))
    .execute();
}
