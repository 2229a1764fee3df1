import { sql } from 'kysely';
import { createCustomer, createOrganization } from '../modules/customers/index.ts';
import {
  customFieldDefinitions,
  createCategory,
  createCustomField,
  findCategory,
  upsertResolutionCode,
} from '../modules/taxonomy/index.ts';
import {
  addComment,
  type CreateTicketInput,
  createTicket,
  mergeTickets,
  type UpdateTicketInput,
  updateTicket,
} from '../modules/tickets/index.ts';
import { loadDemoKnowledgeBase } from '../modules/kb/index.ts';
import { createGroup, createUser, findGroupByName } from '../modules/users/index.ts';
import { ManualClock } from '../platform/clock.ts';
import { type Actor, type Context, systemActor } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { type DemoPlan, HISTORY_DAYS, planDemo, type Step, type Story, type Who } from './plan.ts';
import {
  agentDefs,
  agentEmail,
  customFieldDefs,
  DEMO_EMAIL_DOMAIN,
  DEMO_PASSWORD,
  demoGroups,
  type GroupKey,
  resolutionCodeDefs,
  taxonomy,
} from './roster.ts';

export interface DemoOptions {
  tickets: number;
  seed: number;
}

/** The first demo agent that exists, if the demo was loaded before. */
async function existingDemoAgent(ctx: Context): Promise<string | undefined> {
  const row = await ctx.db
    .selectFrom('users')
    .select('email')
    .where(sql<string>`lower(email)`, 'like', `%@${DEMO_EMAIL_DOMAIN}`)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.email;
}

interface Loaded {
  agents: Map<string, Actor & { userId: number }>;
  groups: Map<GroupKey, number>;
  customers: { id: number; actor: Actor }[];
}

/**
 * Loads realistic demo data: agents in three tiers with skills and groups, a taxonomy with custom
 * fields and resolution codes, organizations and customers, and `tickets` tickets with histories
 * over the last 90 days. Every step goes through the services, on a manual clock set to the moment
 * it happened, so histories, SLA timestamps and the audit log are what the product itself records.
 * The same seed gives the same data. Refuses (conflict) when the demo agents already exist.
 */
export async function loadDemo(ctx: Context, options: DemoOptions): Promise<string> {
  const started = performance.now();
  if (!Number.isInteger(options.tickets) || options.tickets < 1 || options.tickets > 100_000) {
    throw new AppError('validation_failed', `The number of demo tickets must be a whole number from 1 to 100000 (got ${options.tickets}).`);
  }
  if (!Number.isFinite(options.seed)) throw new AppError('validation_failed', `The demo seed must be a number (got ${options.seed}).`);
  const existing = await existingDemoAgent(ctx);
  if (existing) {
    throw new AppError(
      'conflict',
      `Demo data is already loaded in this database (the demo agent ${existing} exists); loading it again would duplicate it. Use an empty data directory (FRONTLINE_DATA_DIR) or database for a fresh demo.`,
    );
  }

  const before = await ctx.db
    .selectFrom('tickets')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  const firstTicket = Number(before?.id ?? 0) + 1;
  const plan = planDemo({ seed: options.seed, tickets: options.tickets, now: ctx.clock.now() });
  // The demo's own clock: each step happens at its moment in the past. Same database, config and log.
  const clock = new ManualClock(new Date(plan.setupAt));
  const demo: Context = { ...ctx, clock };

  const groups = await loadGroups(demo);
  await loadTaxonomy(demo);
  const agents = await loadAgents(demo, plan, groups);
  const organizationIds = await loadOrganizations(demo, plan, agents);
  const customers = await loadCustomers(demo, plan, organizationIds);
  const loaded: Loaded = { agents, groups, customers };

  let created = 0;
  let nextReport = 100;
  for (const story of plan.stories) {
    await playStory(demo, loaded, story);
    created += story.tickets;
    if (created >= nextReport) {
      const seconds = (performance.now() - started) / 1000;
      if (seconds > 3) process.stderr.write(`demo: ${created} of ${options.tickets} tickets (${seconds.toFixed(1)} s)\n`);
      nextReport += 100;
    }
  }
  const articles = await loadDemoKnowledgeBase(ctx, { seed: options.seed });
  const summary = await summarise(ctx, plan, options, firstTicket, (performance.now() - started) / 1000);
  return articles ? `${summary}; ${articles} knowledge-base articles (help centre at /help)` : summary;
}

/** Loads the demo when the database has no tickets yet (`serve --demo`); prints the sign-in details. */
/** Loads the demo into an installation without tickets; returns the summary to print, or undefined when it did nothing. */
export async function loadDemoIfEmpty(ctx: Context, options: DemoOptions): Promise<string | undefined> {
  const any = await ctx.db.selectFrom('tickets').select('id').limit(1).executeTakeFirst();
  if (any) return undefined;
  const existing = await existingDemoAgent(ctx);
  if (existing) {
    ctx.log.warn({ agent: existing }, 'demo agents exist but there are no tickets; not loading the demo again');
    return undefined;
  }
  return loadDemo(ctx, options);
}

// ---------------------------------------------------------------------------------------------
// Setup: groups, taxonomy, agents, organizations, customers. Existing groups, categories and
// custom fields of the same name are reused, so the demo can join a configured installation.

async function loadGroups(ctx: Context): Promise<Map<GroupKey, number>> {
  const ids = new Map<GroupKey, number>();
  for (const group of demoGroups) {
    const existing = await findGroupByName(ctx.db, group.name);
    const id =
      existing?.id ?? (await createGroup(ctx, systemActor, { name: group.name, description: group.description, tier: group.tier })).id;
    ids.set(group.key, id);
  }
  return ids;
}

async function loadTaxonomy(ctx: Context): Promise<void> {
  for (const [position, product] of taxonomy.entries()) {
    const parent =
      (await findCategory(ctx.db, product.product)) ??
      (await createCategory(ctx, systemActor, { name: product.name, slug: product.product, position }));
    for (const [index, category] of product.categories.entries()) {
      if (await findCategory(ctx.db, `${parent.path}/${category.key}`)) continue;
      await createCategory(ctx, systemActor, { name: category.name, slug: category.key, parent_id: parent.id, position: index });
    }
  }
  const fields = new Set((await customFieldDefinitions(ctx.db)).map((f) => f.key));
  for (const [position, field] of customFieldDefs.entries()) {
    if (fields.has(field.key)) continue;
    await createCustomField(ctx, systemActor, {
      key: field.key,
      label: field.label,
      type: field.type,
      options: field.options,
      required: false,
      position,
    });
  }
  for (const code of resolutionCodeDefs) await upsertResolutionCode(ctx, systemActor, code);
}

async function loadAgents(ctx: Context, plan: DemoPlan, groups: Map<GroupKey, number>): Promise<Map<string, Actor & { userId: number }>> {
  const agents = new Map<string, Actor & { userId: number }>();
  for (const agent of plan.agents) {
    (ctx.clock as ManualClock).set(new Date(agent.createdAt));
    const skills = { ...agent.skills };
    for (const language of agent.languages) skills[`language:${language}`] ??= 4;
    const user = await createUser(ctx, systemActor, {
      email: agentEmail(agent),
      name: agent.name,
      role: agent.role,
      password: DEMO_PASSWORD,
      tier: agent.tier,
      languages: agent.languages,
      time_zone: agent.timeZone,
      skills: Object.entries(skills).map(([name, proficiency]) => ({ name, proficiency })),
      group_ids: agent.groups.map((key) => groups.get(key) as number),
    });
    agents.set(agent.key, { userId: user.id, role: agent.role, customerId: null, name: agent.name, via: 'session' });
  }
  return agents;
}

async function loadOrganizations(ctx: Context, plan: DemoPlan, agents: Map<string, Actor & { userId: number }>): Promise<number[]> {
  const ids: number[] = [];
  for (const org of plan.organizations) {
    (ctx.clock as ManualClock).set(new Date(org.createdAt));
    const created = await createOrganization(ctx, systemActor, {
      name: org.name,
      domains: [org.domain],
      notes: org.notes,
      lifetime_value_cents: org.lifetimeValueCents,
      value_tier: org.tier,
      account_owner_id: org.ownerKey ? (agents.get(org.ownerKey)?.userId ?? null) : null,
    });
    ids.push(created.id);
  }
  return ids;
}

async function loadCustomers(ctx: Context, plan: DemoPlan, organizationIds: number[]): Promise<Loaded['customers']> {
  const customers: Loaded['customers'] = [];
  for (const customer of plan.customers) {
    (ctx.clock as ManualClock).set(new Date(customer.createdAt));
    const created = await createCustomer(ctx, systemActor, {
      name: customer.name,
      organization_id: customer.org !== null ? (organizationIds[customer.org] ?? null) : null,
      identities: [
        { kind: 'email', value: customer.email, is_primary: true, verified: true },
        ...(customer.phone ? [{ kind: 'phone' as const, value: customer.phone, verified: true }] : []),
        ...(customer.chatId ? [{ kind: 'chat' as const, value: customer.chatId }] : []),
      ],
      language: customer.language,
      time_zone: customer.timeZone,
      lifetime_value_cents: customer.lifetimeValueCents,
      value_tier: customer.tier,
    });
    customers.push({
      id: created.id,
      actor: { userId: null, role: 'customer', customerId: created.id, name: customer.name, via: 'system' },
    });
  }
  return customers;
}

// ---------------------------------------------------------------------------------------------
// Tickets: each story replayed step by step at its own time.

async function playStory(ctx: Context, loaded: Loaded, story: Story): Promise<void> {
  const clock = ctx.clock as ManualClock;
  const customer = loaded.customers[story.customer];
  if (!customer) throw new Error(`demo: story for unknown customer ${story.customer}`);
  const ids: Partial<Record<'main' | 'dup', number>> = {};
  const actorOf = (who: Who): Actor => {
    if (who === 'customer') return customer.actor;
    if (who === 'system') return systemActor;
    const agent = loaded.agents.get(who.agent);
    if (!agent) throw new Error(`demo: unknown agent ${who.agent}`);
    return agent;
  };
  const agentId = (key: string | null | undefined) => (key == null ? key : loaded.agents.get(key)?.userId);
  const ticketId = (step: Step): number => {
    const id = ids[step.ticket];
    if (id === undefined) throw new Error(`demo: step ${step.kind} before the ${step.ticket} ticket exists`);
    return id;
  };

  for (const step of story.steps) {
    clock.set(new Date(step.at));
    const actor = actorOf(step.by);
    switch (step.kind) {
      case 'create': {
        const input: CreateTicketInput = {
          subject: step.subject,
          description: step.description,
          priority: step.priority,
          type: step.type,
          channel: step.channel,
          tags: step.tags,
          custom_fields: step.customFields,
          ...(step.category ? { category: step.category } : {}),
        };
        if (actor.role !== 'customer') {
          // An agent logging a phone call finds the caller by number and takes the ticket.
          if (!step.requesterPhone) throw new Error(`demo: phone ticket for customer ${story.customer} without a phone`);
          input.requester = { phone: step.requesterPhone };
          if (step.assignee) input.assignee_id = agentId(step.assignee) as number;
          if (step.group) input.group_id = loaded.groups.get(step.group);
        }
        ids[step.ticket] = (await createTicket(ctx, actor, input)).id;
        break;
      }
      case 'update': {
        const input: UpdateTicketInput = {};
        if (step.assignee !== undefined) input.assignee_id = agentId(step.assignee) ?? null;
        if (step.group) input.group_id = loaded.groups.get(step.group);
        if (step.tier !== undefined) input.tier = step.tier;
        if (step.status) input.status = step.status;
        if (step.priority) input.priority = step.priority;
        if (step.category) input.category = step.category;
        if (step.addTags) input.add_tags = step.addTags;
        if (step.customFields) input.custom_fields = step.customFields;
        if (step.resolutionCode) input.resolution_code = step.resolutionCode;
        await updateTicket(ctx, actor, ticketId(step), input);
        break;
      }
      case 'comment':
        await addComment(ctx, actor, ticketId(step), {
          body: step.body,
          public: step.public,
          channel: step.channel,
          ...(step.status ? { status: step.status } : {}),
        });
        break;
      case 'merge': {
        const target = ids.main;
        if (target === undefined) throw new Error('demo: merge before the main ticket exists');
        await mergeTickets(ctx, actor, ticketId(step), target);
        break;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------

async function summarise(ctx: Context, plan: DemoPlan, options: DemoOptions, firstTicket: number, seconds: number): Promise<string> {
  // Count only what the demo added, in case the database had tickets before.
  const byStatus = await ctx.db
    .selectFrom('tickets')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('id', '>=', firstTicket)
    .groupBy('status')
    .execute();
  const count = new Map(byStatus.map((r) => [r.status, Number(r.n)]));
  const comments = await ctx.db
    .selectFrom('ticket_comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ticket_id', '>=', firstTicket)
    .executeTakeFirstOrThrow();
  const events = await ctx.db
    .selectFrom('ticket_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ticket_id', '>=', firstTicket)
    .executeTakeFirstOrThrow();
  const admin = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('active', '=', true)
    .limit(1)
    .executeTakeFirst();
  const emails = (filter: (a: (typeof agentDefs)[number]) => boolean) => agentDefs.filter(filter).map(agentEmail).join(', ');
  const statuses = (['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const)
    .map((s) => `${s.replace('_', ' ')} ${count.get(s) ?? 0}`)
    .join(', ');
  const categories = taxonomy.reduce((n, p) => n + 1 + p.categories.length, 0);
  return [
    `Demo data loaded in ${seconds.toFixed(1)} s (seed ${options.seed}):`,
    `${plan.agents.length} agents in ${demoGroups.length} groups, ${plan.organizations.length} organizations, ${plan.customers.length} customers,`,
    `${categories} categories, ${customFieldDefs.length} custom fields, ${resolutionCodeDefs.length} resolution codes`,
    `and ${options.tickets} tickets from the last ${HISTORY_DAYS} days (${statuses}) with ${Number(comments.n)} messages and ${Number(events.n)} history events.`,
    `Every demo agent signs in with the password ${DEMO_PASSWORD}:`,
    `head of support ${emails((a) => a.role === 'head_of_support')};`,
    `managers ${emails((a) => a.role === 'manager')};`,
    `technical account manager ${emails((a) => a.role === 'tam')};`,
    `analyst ${emails((a) => a.role === 'analyst')};`,
    `Tier 3 engineers ${emails((a) => a.role === 'engineer' && a.tier === 3)};`,
    `Tier 2 engineers ${emails((a) => a.role === 'engineer' && a.tier === 2)};`,
    `Tier 1 associates ${emails((a) => a.role === 'associate')}.`,
    // `frontline demo` on a new data directory runs before `serve` has created the first admin.
    ...(admin ? [] : ['There is no administrator yet: add one with npx frontline user add --email <email> --name <name> --role admin.']),
  ].join(' ');
}
