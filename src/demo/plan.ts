import type { TicketPriority, TicketStatus, TicketType } from '../db/schema.ts';
import { Random } from './random.ts';
import {
  type AgentDef,
  agentDefs,
  asciiLocal,
  countries,
  demoGroups,
  firstNames,
  type GroupKey,
  lastNames,
  organizationDefs,
  PLANS,
  type Plan,
  type Product,
  personalDomains,
  taxonomy,
  type ValueTier,
} from './roster.ts';
import * as T from './texts.ts';

/**
 * The demo data as a plan: pure data computed from the seed and "now", with no database access.
 * Every ticket is a story of timed steps (create, update, comment, merge) that the loader replays
 * through the real services on a manual clock.
 */

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const HISTORY_DAYS = 90;

export type Channel = 'email' | 'web' | 'chat' | 'voice' | 'messaging';
export type Fate = 'new' | 'open' | 'pending' | 'on_hold' | 'solved';
export type TicketRef = 'main' | 'dup';
export type Who = { agent: string } | 'customer' | 'system';
type FieldValues = Record<string, string | number | boolean>;

export interface PlannedOrganization {
  name: string;
  domain: string;
  country: string;
  tier: ValueTier;
  plan: Plan;
  seats: number;
  lifetimeValueCents: number;
  ownerKey: string | null;
  notes: string;
  createdAt: number;
}

export interface PlannedCustomer {
  name: string;
  first: string;
  org: number | null;
  email: string;
  phone: string | null;
  chatId: string | null;
  language: string;
  country: string;
  timeZone: string;
  tier: ValueTier;
  lifetimeValueCents: number;
  createdAt: number;
}

interface StepBase {
  at: number;
  ticket: TicketRef;
  by: Who;
  /** The main ticket's status once this step has run (for cutting a story at a given state). */
  statusAfter: TicketStatus;
  /** Belongs with the next step (same moment); a story is never cut between them. */
  bundled?: boolean;
}

export interface CreateStep extends StepBase {
  kind: 'create';
  subject: string;
  description: string;
  priority: TicketPriority;
  type: TicketType;
  channel: Channel;
  category?: string;
  tags: string[];
  customFields: FieldValues;
  assignee?: string;
  group?: GroupKey;
  /** Agents log phone calls with the caller's number. */
  requesterPhone?: string;
}

export interface UpdateStep extends StepBase {
  kind: 'update';
  assignee?: string | null;
  group?: GroupKey;
  tier?: number;
  status?: TicketStatus;
  priority?: TicketPriority;
  category?: string;
  addTags?: string[];
  customFields?: FieldValues;
  resolutionCode?: string;
}

export interface CommentStep extends StepBase {
  kind: 'comment';
  body: string;
  public: boolean;
  status?: TicketStatus;
  channel: Channel | 'web';
}

export interface MergeStep extends StepBase {
  kind: 'merge';
}

export type Step = CreateStep | UpdateStep | CommentStep | MergeStep;

export interface Story {
  customer: number;
  channel: Channel;
  priority: TicketPriority;
  category: string;
  subject: string;
  t0: number;
  fate: Fate | undefined;
  tickets: 1 | 2;
  steps: Step[];
}

export interface DemoPlan {
  now: number;
  agents: (AgentDef & { createdAt: number })[];
  organizations: PlannedOrganization[];
  customers: PlannedCustomer[];
  stories: Story[];
  setupAt: number;
}

// ---------------------------------------------------------------------------------------------
// Categories: how often, how they are routed and how hard they are.

interface CategoryProfile {
  path: string;
  product: Product;
  weight: number;
  /** Tier 1 hands over to Tier 2 (or Accounts). */
  escalate: number;
  escalateTo: GroupKey;
  /** Tier 2 needs an engineering fix (Tier 3). */
  t3: number;
  /** Tier 1 group that owns the category. */
  home: GroupKey;
  /** Routed to Accounts (Tier 2) at triage. */
  direct?: boolean;
  priority: Partial<Record<TicketPriority, number>>;
}

const profiles: Record<string, CategoryProfile> = {
  invoices: {
    path: 'billing/invoices',
    product: 'billing',
    weight: 8,
    escalate: 0.13,
    escalateTo: 'accounts',
    t3: 0,
    home: 'billing',
    priority: { p2: 0.6, p4: 1.6 },
  },
  refunds: {
    path: 'billing/refunds',
    product: 'billing',
    weight: 7,
    escalate: 0.22,
    escalateTo: 'accounts',
    t3: 0,
    home: 'billing',
    priority: { p2: 1.2, p4: 0.8 },
  },
  'payment-failed': {
    path: 'billing/payment-failed',
    product: 'billing',
    weight: 6,
    escalate: 0.27,
    escalateTo: 'tier2',
    t3: 0.08,
    home: 'billing',
    priority: { p1: 1, p2: 2, p4: 0.3 },
  },
  'plan-change': {
    path: 'billing/plan-change',
    product: 'billing',
    weight: 6,
    escalate: 0.11,
    escalateTo: 'accounts',
    t3: 0,
    home: 'billing',
    priority: { p2: 0.4, p4: 1.6 },
  },
  'login-access': {
    path: 'platform/login-access',
    product: 'platform',
    weight: 10,
    escalate: 0.24,
    escalateTo: 'tier2',
    t3: 0.04,
    home: 'tier1',
    priority: { p1: 2, p2: 2, p4: 0.4 },
  },
  outage: {
    path: 'platform/outage',
    product: 'platform',
    weight: 2,
    escalate: 0.5,
    escalateTo: 'tier2',
    t3: 0.19,
    home: 'tier1',
    priority: { p1: 7, p2: 3, p4: 0.1 },
  },
  performance: {
    path: 'platform/performance',
    product: 'platform',
    weight: 6,
    escalate: 0.37,
    escalateTo: 'tier2',
    t3: 0.11,
    home: 'tier1',
    priority: { p2: 1.5, p4: 0.6 },
  },
  'integrations-api': {
    path: 'platform/integrations-api',
    product: 'platform',
    weight: 8,
    escalate: 0.37,
    escalateTo: 'tier2',
    t3: 0.09,
    home: 'tier1',
    priority: { p2: 1.5, p4: 0.8 },
  },
  'data-export': {
    path: 'platform/data-export',
    product: 'platform',
    weight: 4,
    escalate: 0.17,
    escalateTo: 'tier2',
    t3: 0.08,
    home: 'tier1',
    priority: { p2: 0.6, p4: 2 },
  },
  crash: {
    path: 'mobile-app/crash',
    product: 'mobile-app',
    weight: 6,
    escalate: 0.32,
    escalateTo: 'tier2',
    t3: 0.19,
    home: 'tier1',
    priority: { p2: 1.5, p4: 0.3 },
  },
  notifications: {
    path: 'mobile-app/notifications',
    product: 'mobile-app',
    weight: 5,
    escalate: 0.17,
    escalateTo: 'tier2',
    t3: 0.08,
    home: 'tier1',
    priority: { p2: 0.6, p4: 1.5 },
  },
  sync: {
    path: 'mobile-app/sync',
    product: 'mobile-app',
    weight: 5,
    escalate: 0.27,
    escalateTo: 'tier2',
    t3: 0.11,
    home: 'tier1',
    priority: { p2: 1.3, p4: 0.7 },
  },
  cancellation: {
    path: 'account/cancellation',
    product: 'billing',
    weight: 5,
    escalate: 0.22,
    escalateTo: 'accounts',
    t3: 0,
    home: 'tier1',
    priority: { p2: 0.5, p4: 1.3 },
  },
  security: {
    path: 'account/security',
    product: 'platform',
    weight: 4,
    escalate: 0,
    escalateTo: 'accounts',
    t3: 0,
    home: 'accounts',
    direct: true,
    priority: { p2: 2, p4: 0.5 },
  },
  'gdpr-request': {
    path: 'account/gdpr-request',
    product: 'platform',
    weight: 3,
    escalate: 0,
    escalateTo: 'accounts',
    t3: 0,
    home: 'accounts',
    direct: true,
    priority: { p2: 0.7, p4: 1 },
  },
};

// Keep the profiles and the taxonomy in step: every category has a profile and texts.
for (const product of taxonomy) {
  for (const category of product.categories) {
    const profile = profiles[category.key];
    if (!profile || profile.path !== `${product.product}/${category.key}` || !T.categoryTexts[category.key]) {
      throw new Error(`demo: category ${category.key} has no matching profile or texts`);
    }
  }
}

const channelMix: [Channel, number][] = [
  ['email', 40],
  ['web', 25],
  ['chat', 20],
  ['voice', 10],
  ['messaging', 5],
];
const priorityMix: [TicketPriority, number][] = [
  ['p1', 3],
  ['p2', 17],
  ['p3', 55],
  ['p4', 25],
];

/** First-response targets (ms): chat < 2 min, messaging < 60 min, email and web < 24 h; P1 < 1 h, P2 < 8 h. */
function firstResponseTarget(channel: Channel, priority: TicketPriority): number {
  const byChannel = { chat: 2 * MINUTE, voice: 10 * MINUTE, messaging: HOUR, email: DAY, web: DAY }[channel];
  const byPriority = priority === 'p1' ? HOUR : priority === 'p2' ? 8 * HOUR : DAY;
  return Math.min(byChannel, byPriority);
}

// ---------------------------------------------------------------------------------------------
// Time: customers write around the clock (mostly in European and American office hours); agents
// work weekdays 07:00–21:00 UTC and Saturdays 09:00–17:00; P1 is handled around the clock.

const hourWeights = [
  0.25, 0.2, 0.15, 0.12, 0.15, 0.25, 0.5, 0.9, 1.2, 1.4, 1.4, 1.3, 1.3, 1.5, 1.6, 1.6, 1.4, 1.2, 1.0, 0.8, 0.6, 0.5, 0.4, 0.3,
];
const dayWeights = [0.3, 1.15, 1.05, 1.0, 1.0, 0.9, 0.35]; // Sunday first, as getUTCDay()

function isStaffed(t: number): boolean {
  const d = new Date(t);
  const day = d.getUTCDay();
  const hour = d.getUTCHours();
  if (day >= 1 && day <= 5) return hour >= 7 && hour < 21;
  if (day === 6) return hour >= 9 && hour < 17;
  return false;
}

/** Live channels (chat, phone) are open when the team is. */
const isLiveChannelOpen = (t: number): boolean => {
  const d = new Date(t);
  const day = d.getUTCDay();
  const hour = d.getUTCHours();
  return (day >= 1 && day <= 5 && hour >= 7 && hour < 20) || (day === 6 && hour >= 9 && hour < 16);
};

class ArrivalSampler {
  private readonly starts: number[] = [];
  private readonly anyCumulative: number[] = [];
  private readonly liveCumulative: number[] = [];

  constructor(private readonly now: number) {
    const lastHour = Math.floor(now / HOUR) * HOUR;
    const slots = HISTORY_DAYS * 24;
    let any = 0;
    let live = 0;
    for (let i = slots - 1; i >= 0; i--) {
      const start = lastHour - i * HOUR;
      const d = new Date(start);
      // Volume grows a little over the quarter, as it does for a growing product.
      const trend = 0.85 + (0.3 * (slots - i)) / slots;
      const weight = (hourWeights[d.getUTCHours()] ?? 1) * (dayWeights[d.getUTCDay()] ?? 1) * trend;
      // The current hour is only partly over.
      const share = start + HOUR > now ? (now - start) / HOUR : 1;
      any += weight * share;
      live += isLiveChannelOpen(start) ? weight * share : 0;
      this.starts.push(start);
      this.anyCumulative.push(any);
      this.liveCumulative.push(live);
    }
  }

  sample(rng: Random, live: boolean): number {
    const cumulative = live ? this.liveCumulative : this.anyCumulative;
    const total = cumulative[cumulative.length - 1] ?? 0;
    const target = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) > target) hi = mid;
      else lo = mid + 1;
    }
    const start = this.starts[lo] ?? this.now - HOUR;
    const end = Math.min(start + HOUR, this.now - MINUTE);
    return roundSecond(start + rng.next() * Math.max(0, end - start));
  }
}

const roundSecond = (t: number): number => Math.round(t / SECOND) * SECOND;

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const humanDate = (t: number): string => {
  const d = new Date(t);
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
};
const isoDate = (t: number): string => new Date(t).toISOString().slice(0, 10);
const clockTime = (t: number): string => new Date(t).toISOString().slice(11, 16) + ' UTC';

// ---------------------------------------------------------------------------------------------
// Organizations and customers.

function planOrganizations(rng: Random, now: number): PlannedOrganization[] {
  const shuffled = rng.shuffle(organizationDefs);
  return shuffled.map((def, rank) => {
    const tier: ValueTier = rank < 3 ? 'platinum' : rank < 8 ? 'gold' : rank < 15 ? 'silver' : 'standard';
    const plan: Plan =
      tier === 'platinum' || tier === 'gold' ? 'Enterprise' : tier === 'silver' ? 'Business' : rng.chance(0.2) ? 'Free' : 'Team';
    const seats = { platinum: rng.int(250, 900), gold: rng.int(80, 300), silver: rng.int(25, 90), standard: rng.int(3, 25) }[tier];
    const dollars = {
      platinum: rng.int(250_000, 900_000),
      gold: rng.int(80_000, 249_000),
      silver: rng.int(20_000, 79_000),
      standard: plan === 'Free' ? 0 : rng.int(500, 19_000),
    }[tier];
    // The TAM looks after the platinum accounts and the two largest gold ones.
    const ownerKey = rank < 5 ? 'nadia' : null;
    const country = countries[def.country];
    const createdAt = roundSecond(now - rng.between(1, 5) * 365 * DAY);
    const notes = `${capitalise(def.industry)} in ${countryName(def.country)}. ${plan} plan, ${seats} seats${ownerKey ? '; quarterly business reviews with their TAM' : ''}.${country?.language !== 'en' ? ` Prefers support in ${languageName(country?.language ?? 'en')}.` : ''}`;
    return {
      name: def.name,
      domain: def.domain,
      country: def.country,
      tier,
      plan,
      seats,
      lifetimeValueCents: dollars * 100,
      ownerKey,
      notes,
      createdAt,
    };
  });
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const countryNames: Record<string, string> = {
  US: 'the United States',
  CA: 'Canada',
  GB: 'the United Kingdom',
  AU: 'Australia',
  IN: 'India',
  DE: 'Germany',
  AT: 'Austria',
  FR: 'France',
  ES: 'Spain',
  MX: 'Mexico',
  NL: 'the Netherlands',
  BR: 'Brazil',
};
const countryName = (code: string) => countryNames[code] ?? code;
const languageName = (code: string) => ({ de: 'German', fr: 'French', es: 'Spanish', nl: 'Dutch', pt: 'Portuguese' })[code] ?? 'English';

/** Phone numbers in E.164 shapes per country, from fictional ranges where one exists. */
function phoneNumber(rng: Random, country: string): string {
  const digits = (n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join('');
  switch (country) {
    case 'US':
      return `+1${rng.pick(['212', '312', '415', '512', '617', '206', '303', '404', '720', '646'])}55501${digits(2)}`;
    case 'CA':
      return `+1${rng.pick(['416', '604', '514', '403'])}55501${digits(2)}`;
    case 'GB':
      return `+447700900${digits(3)}`;
    case 'AU':
      return `+6149157${digits(4)}`;
    case 'IN':
      return `+9198${digits(8)}`;
    case 'DE':
      return `+4915${rng.pick(['1', '2', '7'])}${digits(8)}`;
    case 'AT':
      return `+43664${digits(7)}`;
    case 'FR':
      return `+33639980${digits(3)}`;
    case 'ES':
      return `+346${digits(8)}`;
    case 'MX':
      return `+5255${digits(8)}`;
    case 'NL':
      return `+316${digits(8)}`;
    case 'BR':
      return `+55119${digits(8)}`;
    default:
      return `+1415555${digits(4)}`;
  }
}

const individualCountries: [string, number][] = [
  ['US', 30],
  ['GB', 12],
  ['DE', 10],
  ['FR', 8],
  ['ES', 8],
  ['CA', 6],
  ['AU', 6],
  ['IN', 6],
  ['MX', 5],
  ['NL', 5],
  ['BR', 4],
];

function planCustomers(rng: Random, organizations: PlannedOrganization[], total: number, now: number): PlannedCustomer[] {
  const inOrgs = Math.round(total * 0.85);
  const sizeWeight = { platinum: 12, gold: 9, silver: 7, standard: 5 };
  const weights = organizations.map((o) => sizeWeight[o.tier] * rng.between(0.7, 1.3));
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.max(2, Math.floor((w / sum) * inOrgs)));
  // Hand out the remainder to the largest organizations first.
  for (let i = 0, assigned = counts.reduce((a, b) => a + b, 0); assigned < inOrgs; i = (i + 1) % counts.length, assigned++) {
    counts[i] = (counts[i] ?? 0) + 1;
  }
  const emails = new Set<string>();
  const phones = new Set<string>();
  const customers: PlannedCustomer[] = [];
  const person = (country: string) => {
    const language = country === 'IN' ? 'en' : (countries[country]?.language ?? 'en');
    const first = rng.pick(firstNames[language] ?? firstNames['en'] ?? ['Alex']);
    const last = rng.pick(lastNames[language] ?? lastNames['en'] ?? ['Doe']);
    return { first, last, language };
  };
  const uniqueEmail = (local: string, domain: string) => {
    let email = `${local}@${domain}`;
    for (let n = 2; emails.has(email); n++) email = `${local}${n}@${domain}`;
    emails.add(email);
    return email;
  };
  const extras = (country: string) => {
    let phone: string | null = null;
    if (rng.chance(0.5)) {
      do phone = phoneNumber(rng, country);
      while (phones.has(phone));
      phones.add(phone);
    }
    const chatId = rng.chance(0.25) ? `visitor-${Array.from({ length: 8 }, () => rng.pick('0123456789abcdef'.split(''))).join('')}` : null;
    return { phone, chatId };
  };
  organizations.forEach((org, index) => {
    for (let i = 0; i < (counts[index] ?? 0); i++) {
      const { first, last, language } = person(org.country);
      const createdAt = roundSecond(rng.between(org.createdAt, now - (HISTORY_DAYS + 5) * DAY));
      customers.push({
        name: `${first} ${last}`,
        first,
        org: index,
        email: uniqueEmail(asciiLocal(`${first} ${last}`), org.domain),
        ...extras(org.country),
        language,
        country: org.country,
        timeZone: rng.pick(countries[org.country]?.timeZones ?? ['UTC']),
        tier: org.tier,
        lifetimeValueCents: 0,
        createdAt,
      });
    }
  });
  while (customers.length < total) {
    const country = rng.weighted(individualCountries);
    const { first, last, language } = person(country);
    const value = rng.chance(0.15) ? rng.int(3_000, 12_000) : rng.int(0, 2_900);
    customers.push({
      name: `${first} ${last}`,
      first,
      org: null,
      email: uniqueEmail(asciiLocal(`${first} ${last}`), rng.pick(personalDomains)),
      ...extras(country),
      language,
      country,
      timeZone: rng.pick(countries[country]?.timeZones ?? ['UTC']),
      tier: value >= 3_000 ? 'silver' : 'standard',
      lifetimeValueCents: value * 100,
      createdAt: roundSecond(now - rng.between(HISTORY_DAYS + 5, 3 * 365) * DAY),
    });
  }
  return customers;
}

// ---------------------------------------------------------------------------------------------
// Agents: who takes which ticket.

const assignable = (agent: AgentDef) => agent.role === 'associate' || agent.role === 'engineer' || agent.role === 'tam';
const groupTier = new Map(demoGroups.map((g) => [g.key, g.tier]));

function pickAgent(
  rng: Random,
  group: GroupKey,
  product: Product,
  customer: PlannedCustomer,
  org: PlannedOrganization | undefined,
  channel?: Channel,
): AgentDef {
  // A group's work goes to its members of that tier (the Tier 2 billing expert is not first line).
  const candidates = agentDefs.filter((a) => a.groups.includes(group) && assignable(a) && a.tier <= (groupTier.get(group) ?? 3));
  return rng.weighted(
    candidates.map((agent) => {
      let weight = (agent.skills[`product:${product}`] ?? 1) ** 2;
      if (customer.language !== 'en' && agent.languages.includes(customer.language)) weight *= 5;
      if (channel === 'voice' || channel === 'chat') weight *= agent.skills[`channel:${channel}`] ?? 1;
      if (agent.role === 'tam') weight = org?.ownerKey === agent.key ? 30 : 0.5;
      return [agent, weight] as const;
    }),
  );
}

const agentByKey = new Map(agentDefs.map((a) => [a.key, a]));
const firstName = (key: string) => (agentByKey.get(key)?.name ?? key).split(' ')[0] ?? key;

// ---------------------------------------------------------------------------------------------
// One ticket's story.

interface StoryInput {
  rng: Random;
  now: number;
  customer: PlannedCustomer;
  org: PlannedOrganization | undefined;
  channel: Channel;
  priority: TicketPriority;
  category: string;
  t0: number;
  fate: Fate | undefined;
  duplicate: boolean;
  reopen: boolean;
}

class StoryBuilder {
  t: number;
  status: TicketStatus = 'new';
  readonly steps: Step[] = [];
  solvedAt: number | null = null;

  constructor(
    private readonly rng: Random,
    t0: number,
  ) {
    this.t = t0;
  }

  wait(ms: number): this {
    this.t = roundSecond(this.t + Math.max(SECOND, ms));
    return this;
  }

  /** Waits, then until the team is at work (P1 is worked around the clock). */
  waitForAgent(ms: number, allHours = false): this {
    this.wait(ms);
    if (!allHours && !isStaffed(this.t)) {
      let t = Math.ceil(this.t / HOUR) * HOUR;
      while (!isStaffed(t)) t += HOUR;
      this.t = roundSecond(t + this.rng.delay(20 * MINUTE, MINUTE, 90 * MINUTE));
    }
    return this;
  }

  create(step: Omit<CreateStep, 'at' | 'statusAfter' | 'kind'>): void {
    if (step.ticket === 'main') this.status = step.assignee ? 'open' : 'new';
    this.steps.push({ ...step, kind: 'create', at: this.t, statusAfter: this.status });
  }

  update(step: Omit<UpdateStep, 'at' | 'statusAfter' | 'kind'>): void {
    if (step.ticket === 'main') {
      if (step.status) this.status = step.status;
      else if (step.assignee && this.status === 'new') this.status = 'open';
      if (this.status === 'solved') this.solvedAt = this.t;
    }
    this.steps.push({ ...step, kind: 'update', at: this.t, statusAfter: this.status });
  }

  comment(step: Omit<CommentStep, 'at' | 'statusAfter' | 'kind'>): void {
    if (step.by === 'customer') {
      if (this.status === 'pending' || this.status === 'on_hold' || this.status === 'solved') this.status = 'open';
    } else if (step.status) this.status = step.status;
    else if (step.public && this.status === 'new') this.status = 'open';
    if (this.status === 'solved') this.solvedAt = this.t;
    this.steps.push({ ...step, kind: 'comment', at: this.t, statusAfter: this.status });
  }

  merge(by: Who): void {
    this.steps.push({ kind: 'merge', ticket: 'dup', by, at: this.t, statusAfter: this.status });
  }
}

function ticketVars(
  rng: Random,
  customer: PlannedCustomer,
  org: PlannedOrganization | undefined,
  t0: number,
  product: Product,
): Record<string, string> {
  const country = countries[customer.country];
  const currency = country?.currency ?? '$';
  const plan: Plan = org?.plan ?? (customer.tier === 'silver' ? 'Business' : rng.pick(['Free', 'Team'] as const));
  const planIndex = PLANS.indexOf(plan);
  const otherPlan = PLANS[planIndex >= 2 ? planIndex - 1 : planIndex + 1] ?? 'Team';
  const seats = org?.seats ?? rng.int(1, 5);
  const amount = Math.max(12, seats * rng.int(8, 25)) * (rng.chance(0.3) ? 12 : 1);
  const [device, os] = rng.pick([
    ['iPhone 15', 'iOS 18.3'],
    ['iPhone 13', 'iOS 17.6'],
    ['Pixel 8', 'Android 15'],
    ['Galaxy S23', 'Android 14'],
    ['iPad Air', 'iPadOS 18.2'],
    ['Galaxy A54', 'Android 14'],
  ] as const);
  const minor = rng.int(8, 14);
  const patch = rng.int(0, 3);
  const region =
    customer.country === 'AU' || customer.country === 'IN'
      ? 'AP-Southeast'
      : ['US', 'CA', 'MX', 'BR'].includes(customer.country)
        ? rng.pick(['US-East', 'US-West'])
        : 'EU-West';
  const otherCountries = ['Romania', 'Vietnam', 'Brazil', 'Nigeria', 'Ukraine', 'Indonesia'];
  return {
    first: customer.first,
    org: org?.name ?? 'my company',
    workspace: org ? (org.domain.split('.')[0] ?? 'workspace') : (customer.email.split('@')[0] ?? 'workspace'),
    invoice: `INV-${new Date(t0).getUTCFullYear()}-${String(rng.int(1000, 99999)).padStart(5, '0')}`,
    amount: `${currency}${amount.toLocaleString('en-US')}.00`,
    seats: String(seats),
    seatsLess: String(Math.max(1, Math.round(seats * rng.between(0.5, 0.85)))),
    seatsAdd: String(rng.int(2, 25)),
    plan,
    otherPlan,
    date: humanDate(t0 - rng.int(2, 20) * DAY),
    renewal: humanDate(t0 + rng.int(10, 120) * DAY),
    browser: rng.pick(['Chrome 133', 'Firefox 135', 'Safari 18.3', 'Edge 133']),
    device,
    os,
    appVersion: `4.${minor}.${patch}`,
    fixVersion: `4.${minor}.${patch + 1}`,
    integration: rng.pick(['Salesforce', 'Slack', 'HubSpot', 'Zapier', 'Jira', 'Google Drive', 'Microsoft Teams']),
    error: rng.pick(['502 Bad Gateway', '504 Gateway Timeout', '500 Internal Server Error']),
    region,
    users: String(Math.max(2, Math.round(seats * rng.between(0.2, 1)))),
    minutes: String(rng.int(8, 45)),
    report: rng.pick(['Monthly revenue', 'Pipeline', 'Team activity', 'SLA compliance']),
    records: `${rng.int(40, 900)},000`,
    time: clockTime(t0 - rng.int(5, 90) * MINUTE),
    country: countryName(customer.country).replace(/^the /, ''),
    country2: rng.pick(otherCountries),
    last4: String(rng.int(1000, 9999)),
    incident: `INC-${rng.int(1000, 9999)}`,
    bug: `ENG-${rng.int(1000, 9999)}`,
    product: { billing: 'billing', platform: 'platform', 'mobile-app': 'mobile sync' }[product],
    tier: org?.tier ?? 'standard',
    fee: rng.pick(T.banking77.fee),
    double: rng.pick(T.banking77.double),
    refund: rng.pick(T.banking77.refund),
    declined: rng.pick(T.banking77.declined),
  };
}

function signed(channel: Channel | 'web', customerFirst: string, agentKey: string, text: string): string {
  if (channel === 'chat' || channel === 'messaging') return `Hi ${customerFirst}! ${text}`;
  return `Hi ${customerFirst},\n\n${text}\n\nBest regards,\n${firstName(agentKey)}\nNimbus Support`;
}

function buildStory(input: StoryInput): Story {
  const { rng, customer, org, channel, category, t0, fate } = input;
  let { priority } = input;
  const profile = profiles[category] as CategoryProfile;
  const texts = T.categoryTexts[category] as T.CategoryText;
  const vars = ticketVars(rng, customer, org, t0, profile.product);
  const fill = (template: string, extra: Record<string, string> = {}) => T.fill(template, { ...vars, ...extra });
  const opening = rng.pick(texts.openings);
  const subject = fill(rng.pick(opening.subjects));
  const description = fill(opening.body);
  const type: TicketType = opening.type ?? (priority === 'p1' ? 'incident' : 'question');
  const live = channel === 'chat';
  const p1 = priority === 'p1';
  const b = new StoryBuilder(rng, t0);

  // Custom field values: what the customer fills in on the web form, what the agent adds at triage.
  const fields: FieldValues = { plan: vars['plan'] as string };
  if (profile.product === 'billing' && ['invoices', 'refunds', 'payment-failed'].includes(category))
    fields['order_number'] = vars['invoice'] as string;
  if (['outage', 'login-access', 'performance'].includes(category)) fields['affected_users'] = Number(vars['users']);
  if (['plan-change', 'cancellation'].includes(category)) fields['renewal_date'] = isoDate(t0 + rng.int(10, 120) * DAY);
  if (org?.tier === 'platinum') fields['vip'] = true;
  const webFields: FieldValues =
    channel === 'web'
      ? { plan: fields['plan'] as string, ...(fields['order_number'] ? { order_number: fields['order_number'] } : {}) }
      : {};
  const triageFields: FieldValues = Object.fromEntries(Object.entries(fields).filter(([key]) => webFields[key] === undefined));
  const triageTags = [
    ...(org?.tier === 'platinum' ? ['vip'] : []),
    ...(profile.product === 'mobile-app' ? [vars['os']?.startsWith('Android') ? 'android' : 'ios'] : []),
  ];

  // Who works on it.
  const routedGroup: GroupKey | null = p1 ? 'tier2' : profile.direct ? 'accounts' : null;
  const homeGroup: GroupKey = routedGroup ? 'tier1' : profile.home;
  const first = pickAgent(rng, homeGroup, profile.product, customer, org, channel);
  const owner = routedGroup ? pickAgent(rng, routedGroup, profile.product, customer, org) : first;
  const agentChannel: Channel = channel === 'voice' ? 'email' : channel;

  // What happens (a fate forces the path that ends in that state).
  const routed = routedGroup !== null;
  let escalate = !routed && (fate === 'on_hold' || (fate === undefined && rng.chance(profile.escalate)));
  if (fate === 'pending' || fate === 'new') escalate = false;
  const hold = fate === 'on_hold' || (fate === undefined && rng.chance(0.12));
  const toT3 = fate === 'on_hold' ? profile.t3 > 0 : fate === undefined && rng.chance(p1 ? 0.3 : profile.t3);
  const reopen = fate === undefined && input.reopen;
  const noResponse = fate === 'pending' || (fate === undefined && rng.chance(0.15));
  let mode: 'solve' | 'ask' | 'ack' = rng.weighted<'solve' | 'ask' | 'ack'>([
    ['solve', live || channel === 'voice' ? 0.62 : 0.5],
    ['ask', 0.38],
    ['ack', 0.12],
  ]);
  if (fate === 'pending') mode = 'ask';
  if (fate === 'on_hold' && mode === 'solve') mode = 'ack';

  const lateReply = rng.chance(0.08);
  const target = firstResponseTarget(channel, priority);
  let firstReplyDone = false;
  /** Time of an agent's first public reply, mostly within the target, sometimes late. */
  const firstReplyTime = (earliest: number): number => {
    if (firstReplyDone) return earliest;
    firstReplyDone = true;
    if (lateReply) return Math.max(earliest, roundSecond(t0 + target * rng.between(1.1, 2.2)));
    return earliest;
  };

  // Customer and agent reply delays per channel.
  const customerDelay = () =>
    live
      ? rng.delay(90 * SECOND, 20 * SECOND, 5 * MINUTE)
      : channel === 'messaging'
        ? rng.delay(25 * MINUTE, 2 * MINUTE, 6 * HOUR)
        : rng.delay(5 * HOUR, 20 * MINUTE, 3 * DAY);
  const agentDelay = () =>
    live
      ? rng.delay(70 * SECOND, 20 * SECOND, 4 * MINUTE)
      : p1
        ? rng.delay(15 * MINUTE, 2 * MINUTE, 50 * MINUTE)
        : rng.delay(2 * HOUR, 10 * MINUTE, 10 * HOUR);
  const agentWait = (ms: number) => b.waitForAgent(ms, p1 || live);

  const say = (key: string, text: string, extra: { status?: TicketStatus; channel?: Channel | 'web' } = {}) => {
    const channelUsed = extra.channel ?? agentChannel;
    b.comment({
      ticket: 'main',
      by: { agent: key },
      body: signed(channelUsed, customer.first, key, fill(text)),
      public: true,
      channel: channelUsed,
      ...(extra.status ? { status: extra.status } : {}),
    });
  };
  const note = (key: string, text: string) =>
    b.comment({
      ticket: 'main',
      by: { agent: key },
      body: fill(text, { agentFirst: firstName(owner.key) }),
      public: false,
      channel: 'web',
    });
  const customerSays = (text: string) => b.comment({ ticket: 'main', by: 'customer', body: fill(text), public: true, channel });
  const solve = (key: string, answer: T.Answer, extraTags: string[] = []) => {
    const tags = [...(answer.tags ?? []), ...extraTags];
    b.update({ ticket: 'main', by: { agent: key }, resolutionCode: answer.code, ...(tags.length ? { addTags: tags } : {}), bundled: true });
    say(key, answer.text, { status: 'solved' });
  };

  // --- Intake
  if (channel === 'voice') {
    b.create({
      ticket: 'main',
      by: { agent: first.key },
      subject,
      description,
      priority,
      type,
      channel,
      category: profile.path,
      tags: [...(opening.tags ?? []), ...triageTags],
      customFields: fields,
      assignee: first.key,
      group: homeGroup,
      ...(customer.phone ? { requesterPhone: customer.phone } : {}),
    });
  } else {
    b.create({
      ticket: 'main',
      by: 'customer',
      subject,
      description,
      priority,
      type,
      channel,
      ...(channel === 'web' ? { category: profile.path } : {}),
      tags: opening.tags ?? [],
      customFields: webFields,
    });
  }
  if (fate === 'new') return finish();

  // --- Triage and assignment
  if (channel !== 'voice') {
    const assignDelay = live
      ? rng.delay(25 * SECOND, 5 * SECOND, 60 * SECOND)
      : p1
        ? rng.delay(6 * MINUTE, MINUTE, 25 * MINUTE)
        : channel === 'messaging'
          ? rng.delay(6 * MINUTE, MINUTE, 40 * MINUTE)
          : rng.delay(50 * MINUTE, 3 * MINUTE, 8 * HOUR);
    b.waitForAgent(input.duplicate ? Math.max(assignDelay, rng.between(2, 9) * HOUR) : assignDelay, p1 || live);
    if (input.duplicate) {
      // The customer writes again before anyone answered; the agent merges the two at triage.
      const tDup = roundSecond(t0 + (b.t - t0) * rng.between(0.35, 0.85));
      const short = description.split('\n').find((line) => line.length > 30) ?? subject;
      b.steps.push({
        kind: 'create',
        ticket: 'dup',
        by: 'customer',
        at: tDup,
        statusAfter: b.status,
        subject: rng.chance(0.5) ? subject : `Re: ${subject}`,
        description: fill(rng.pick(T.duplicateOpenings), { short }),
        priority,
        type,
        channel: channel === 'email' ? 'web' : 'email',
        tags: opening.tags ?? [],
        customFields: {},
      });
    }
    const priorityChange: TicketPriority | undefined =
      !p1 && rng.chance(0.08)
        ? priority === 'p3'
          ? rng.pick(['p2', 'p4'] as const)
          : priority === 'p4'
            ? 'p3'
            : priority === 'p2'
              ? 'p3'
              : undefined
        : undefined;
    if (priorityChange) priority = priorityChange;
    const triage = {
      ticket: 'main' as const,
      ...(channel !== 'web' ? { category: profile.path } : {}),
      ...(Object.keys(triageFields).length ? { customFields: triageFields } : {}),
      ...(triageTags.length ? { addTags: triageTags } : {}),
      ...(priorityChange ? { priority: priorityChange } : {}),
    };
    if (routedGroup) {
      note(first.key, rng.pick(T.routingNotes[routedGroup] ?? ['Routing.']));
      b.update({ ...triage, by: { agent: first.key }, tier: 2, group: routedGroup, assignee: owner.key });
    } else {
      b.update({ ...triage, by: { agent: owner.key }, group: homeGroup, assignee: owner.key });
    }
    if (input.duplicate) {
      b.wait(rng.between(1, 4) * MINUTE);
      b.update({ ticket: 'dup', by: { agent: owner.key }, resolutionCode: 'duplicate', bundled: true });
      b.merge({ agent: owner.key });
    }
  }
  const assignedAt = b.t;

  // Account managers and leads chime in on the tickets that matter to them.
  const extraNotes: { at: number; key: string; text: string }[] = [];
  if (org?.ownerKey && (org.tier === 'platinum' || org.tier === 'gold') && rng.chance(0.5)) {
    extraNotes.push({ at: assignedAt + rng.delay(40 * MINUTE, 5 * MINUTE, 3 * HOUR), key: org.ownerKey, text: rng.pick(T.vipNotes) });
  }
  if (p1 && rng.chance(0.6)) {
    extraNotes.push({
      at: assignedAt + rng.delay(10 * MINUTE, 3 * MINUTE, 40 * MINUTE),
      key: rng.pick(['diane', 'omar']),
      text: rng.pick(T.incidentNotes),
    });
  }
  /** Writes the notes that are due; with `wait`, also the later ones, at their time. */
  const flushNotes = (wait: boolean) => {
    extraNotes.sort((x, y) => x.at - y.at);
    while (extraNotes.length && (wait || (extraNotes[0]?.at ?? Infinity) <= b.t)) {
      const extra = extraNotes.shift() as (typeof extraNotes)[number];
      if (extra.at > b.t) b.t = roundSecond(extra.at);
      note(extra.key, extra.text);
    }
  };

  // --- Voice: the call itself is the first contact.
  if (channel === 'voice') {
    b.wait(rng.delay(6 * MINUTE, 3 * MINUTE, 15 * MINUTE));
    if (rng.chance(0.5)) note(first.key, rng.pick(T.voiceNotes));
    if (mode === 'solve' && !escalate && !routed) {
      b.wait(rng.between(1, 4) * MINUTE);
      solve(first.key, rng.pick(texts.answers));
      return afterSolved(first.key);
    }
    b.wait(rng.between(1, 4) * MINUTE);
    say(first.key, mode === 'ask' ? rng.pick(texts.questions) : rng.pick(T.acknowledgements), {
      channel: 'voice',
      ...(mode === 'ask' ? { status: 'pending' } : {}),
    });
    firstReplyDone = true;
    if (routedGroup) {
      b.wait(rng.between(1, 5) * MINUTE);
      note(first.key, rng.pick(T.routingNotes[routedGroup] ?? ['Routing.']));
      b.update({ ticket: 'main', by: { agent: first.key }, tier: 2, group: routedGroup, assignee: owner.key });
    }
  }

  // --- Tier 1 (or the routed owner) works the ticket.
  let worker = owner.key;
  if (!firstReplyDone) {
    const replyDelay = live
      ? Math.max(5 * SECOND, t0 + rng.delay(70 * SECOND, 25 * SECOND, 115 * SECOND) - b.t)
      : p1
        ? rng.delay(12 * MINUTE, 3 * MINUTE, 35 * MINUTE)
        : channel === 'messaging'
          ? rng.delay(9 * MINUTE, 2 * MINUTE, 30 * MINUTE)
          : rng.delay(45 * MINUTE, 5 * MINUTE, 6 * HOUR);
    agentWait(replyDelay);
    b.t = firstReplyTime(b.t);
    flushNotes(false);
    if (routed && p1) {
      say(worker, rng.pick(T.acknowledgements));
    } else if (mode === 'solve' && !escalate && !routed) {
      if (live && rng.chance(0.4)) {
        say(worker, rng.pick(T.chatReplies));
        b.wait(customerDelay());
        customerSays(rng.pick(T.chatCustomer));
        agentWait(agentDelay());
      }
      solve(worker, rng.pick(texts.answers));
      return afterSolved(worker);
    } else if (mode === 'ask' || routed) {
      say(worker, rng.pick(texts.questions), { status: 'pending' });
    } else {
      say(worker, rng.pick(T.acknowledgements));
    }
  }
  flushNotes(true);
  if (fate === 'open' && b.status !== 'open') {
    b.wait(customerDelay());
    customerSays(rng.pick(texts.customerInfo));
    return finish();
  }

  // Waiting for the customer's answer to a question.
  if (b.status === 'pending') {
    if (noResponse && !escalate && (!routed || fate === 'pending')) {
      b.wait(rng.between(2, 3) * DAY);
      agentWait(0);
      say(worker, rng.pick(T.reminders), { status: 'pending' });
      b.wait(rng.between(3, 4) * DAY);
      agentWait(0);
      solve(worker, { text: rng.pick(T.noResponseClosings), code: 'no_response' });
      return afterSolved(worker);
    }
    b.wait(customerDelay());
    customerSays(rng.pick(texts.customerInfo));
  }

  if (rng.chance(0.2)) {
    agentWait(rng.delay(30 * MINUTE, 2 * MINUTE, 3 * HOUR));
    note(worker, rng.pick(T.generalNotes));
  }

  // --- Escalation from Tier 1 to Tier 2 (or Accounts).
  if (escalate) {
    agentWait(agentDelay());
    const group = profile.escalateTo;
    note(worker, rng.pick(texts.escalation));
    b.wait(rng.between(10, 60) * SECOND);
    b.update({ ticket: 'main', by: { agent: worker }, tier: 2, group, assignee: null });
    if (rng.chance(0.5)) {
      b.wait(rng.between(1, 5) * MINUTE);
      say(worker, rng.pick(T.handoffReplies));
    }
    const t2 = pickAgent(rng, group, profile.product, customer, org);
    agentWait(rng.delay(50 * MINUTE, 8 * MINUTE, 6 * HOUR));
    b.update({ ticket: 'main', by: { agent: t2.key }, assignee: t2.key });
    if (rng.chance(0.3)) note(t2.key, rng.pick(T.pickupNotes));
    worker = t2.key;
    if (rng.chance(0.7)) {
      agentWait(rng.delay(2 * HOUR, 15 * MINUTE, 8 * HOUR));
      note(worker, rng.pick(texts.investigation));
    }
    if (fate === 'open') return finish();
    if (!toT3 && hold) {
      agentWait(rng.delay(30 * MINUTE, 5 * MINUTE, 3 * HOUR));
      say(worker, rng.pick(texts.hold), { status: 'on_hold' });
      if (fate === 'on_hold') return finish();
      b.wait(rng.delay(2 * DAY, 8 * HOUR, 6 * DAY));
      agentWait(0);
      solve(worker, rng.pick(texts.t2Answers));
      return afterSolved(worker);
    }
    if (!toT3) {
      agentWait(agentDelay());
      if (rng.chance(0.25)) {
        say(worker, rng.pick(texts.questions), { status: 'pending' });
        b.wait(customerDelay());
        customerSays(rng.pick(texts.customerInfo));
        agentWait(agentDelay());
      }
      solve(worker, rng.pick(texts.t2Answers));
      return afterSolved(worker);
    }
  }

  // --- Routed tickets (P1 to Tier 2, security and GDPR to Accounts) that need no engineering.
  if (routed && !toT3) {
    if (p1) {
      agentWait(rng.delay(25 * MINUTE, 5 * MINUTE, 2 * HOUR));
      note(worker, rng.pick(texts.investigation));
    } else if (hold) {
      agentWait(agentDelay());
      say(worker, rng.pick(texts.hold), { status: 'on_hold' });
      b.wait(rng.delay(DAY, 4 * HOUR, 5 * DAY));
    }
    agentWait(p1 ? rng.delay(40 * MINUTE, 10 * MINUTE, 3 * HOUR) : agentDelay());
    solve(worker, rng.pick([...texts.t2Answers, ...texts.answers]));
    return afterSolved(worker);
  }

  // --- Tier 2 needs an engineering fix: Tier 3 takes over, the customer waits on hold.
  if (toT3 && (escalate || routed)) {
    agentWait(p1 ? rng.delay(30 * MINUTE, 5 * MINUTE, 2 * HOUR) : rng.delay(5 * HOUR, 30 * MINUTE, 2 * DAY));
    const t3 = pickAgent(rng, 'tier3', profile.product, customer, org);
    note(worker, rng.pick(T.escalateToT3));
    b.wait(rng.between(10, 60) * SECOND);
    b.update({ ticket: 'main', by: { agent: worker }, tier: 3, group: 'tier3', assignee: t3.key, addTags: ['bug'] });
    b.wait(rng.between(2, 10) * MINUTE);
    say(worker, rng.pick(texts.hold), { status: 'on_hold' });
    if (fate === 'on_hold') return finish();
    agentWait(p1 ? rng.delay(2 * HOUR, 30 * MINUTE, 8 * HOUR) : rng.delay(DAY, 2 * HOUR, 3 * DAY));
    note(t3.key, rng.pick(T.rootCauses));
    const fixedAt = b.t + (p1 ? rng.delay(5 * HOUR, HOUR, DAY) : rng.delay(5 * DAY, DAY, 14 * DAY));
    if (!p1 && fixedAt - b.t > 2 * DAY && rng.chance(0.35)) {
      b.wait(rng.between(0.3, 0.7) * (fixedAt - b.t));
      customerSays(rng.pick(T.chaserMessages));
      agentWait(agentDelay());
      say(t3.key, rng.pick(T.holdUpdates), { status: 'on_hold' });
    }
    if (fixedAt > b.t) b.t = roundSecond(fixedAt);
    agentWait(0);
    solve(t3.key, { text: rng.pick(T.fixedReplies), code: 'bug_fixed' });
    return afterSolved(t3.key);
  }

  // --- Tier 1 answers after the customer's reply (or after looking into it).
  agentWait(agentDelay());
  solve(worker, rng.pick(texts.answers));
  return afterSolved(worker);

  function afterSolved(key: string): Story {
    if (fate === 'solved') return finish();
    if (reopen) {
      b.wait(rng.delay(20 * HOUR, 2 * HOUR, 3 * DAY));
      customerSays(rng.pick(T.reopenMessages));
      b.waitForAgent(rng.delay(2 * HOUR, 10 * MINUTE, 8 * HOUR));
      solve(key, rng.pick(T.reopenAnswers));
    }
    // An hourly automation closes tickets four days after they were solved.
    b.t = Math.ceil(((b.solvedAt ?? b.t) + 4 * DAY) / HOUR) * HOUR;
    b.update({ ticket: 'main', by: 'system', status: 'closed' });
    return finish();
  }

  function finish(): Story {
    return {
      customer: -1,
      channel,
      priority: input.priority,
      category,
      subject,
      t0,
      fate,
      tickets: input.duplicate ? 2 : 1,
      steps: b.steps,
    };
  }
}

/** Cuts a story at "now" (or, with a fate, at the state it should be in now) and keeps it in the past. */
function settle(rng: Random, story: Story, now: number): Story {
  let steps = [...story.steps].sort((x, y) => x.at - y.at || 0);
  if (story.fate) {
    // The path was built to pass through the fate; stop at one of the moments it is in that state.
    const candidates = steps.map((s, i) => ({ s, i })).filter(({ s }) => s.statusAfter === story.fate && !s.bundled && s.ticket === 'main');
    const chosen = candidates.length ? rng.pick(candidates).i : steps.length - 1;
    steps = steps.slice(0, chosen + 1);
    const last = steps[steps.length - 1]?.at ?? story.t0;
    const latest = now - rng.delay(40 * MINUTE, 2 * MINUTE, 6 * HOUR);
    if (last > latest) {
      const shift = last - latest;
      steps = steps.map((s) => ({ ...s, at: roundSecond(s.at - shift) }));
    }
  } else {
    steps = steps.filter((s) => s.at <= now);
    // Never leave half of a bundle (a resolution code without the reply that solves).
    while (steps.length && steps[steps.length - 1]?.bundled) steps.pop();
  }
  return { ...story, steps, t0: steps[0]?.at ?? story.t0 };
}

/** `total` items in the given proportions (largest remainder), shuffled. */
function quota<T>(rng: Random, mix: [T, number][], total: number): T[] {
  const sum = mix.reduce((n, [, w]) => n + w, 0);
  const exact = mix.map(([item, w]) => ({ item, n: (w / sum) * total }));
  const counts = exact.map((e) => Math.floor(e.n));
  const order = exact.map((e, i) => ({ i, rest: e.n - Math.floor(e.n) })).sort((a, b) => b.rest - a.rest);
  for (let k = 0; counts.reduce((n, c) => n + c, 0) < total; k++) {
    const slot = order[k % order.length]?.i ?? 0;
    counts[slot] = (counts[slot] ?? 0) + 1;
  }
  return rng.shuffle(exact.flatMap((e, i) => Array.from({ length: counts[i] ?? 0 }, () => e.item)));
}

// ---------------------------------------------------------------------------------------------

export function planDemo(options: { seed: number; tickets: number; now: Date }): DemoPlan {
  const rng = new Random(options.seed);
  const now = Math.floor(options.now.getTime() / SECOND) * SECOND;
  const organizations = planOrganizations(rng, now);
  const customers = planCustomers(rng, organizations, 250, now);
  const agents = agentDefs.map((agent) => ({ ...agent, createdAt: roundSecond(now - rng.between(120, 3 * 365) * DAY) }));
  const setupAt = roundSecond(now - 4 * 365 * DAY);

  // Who writes in: some customers far more often than others, large accounts more than small ones.
  const tierFactor = { platinum: 1.6, gold: 1.3, silver: 1.1, standard: 1 };
  const activity = customers.map((c) => tierFactor[c.tier] * rng.logNormal(1, 0.8));
  const byChannel = (channel: Channel): [number, number][] =>
    // Calls and messaging come from a phone number.
    customers.flatMap((c, i) =>
      (channel === 'voice' || channel === 'messaging') && c.phone === null ? [] : [[i, activity[i] ?? 1] as [number, number]],
    );

  const sampler = new ArrivalSampler(now);
  const categoryKeys = Object.keys(profiles);
  interface Seed {
    customer: number;
    channel: Channel;
    priority: TicketPriority;
    category: string;
    t0: number;
    duplicate: boolean;
    reopen: boolean;
    fate?: Fate;
  }
  let seeds: Seed[] = [];
  // Exact mixes, in random order: every seed shows the documented channel and priority shares.
  const channels = quota(rng, channelMix, options.tickets);
  const priorities = quota(rng, priorityMix, options.tickets);
  for (let i = 0; i < options.tickets; i++) {
    const channel = channels[i] ?? 'email';
    const priority = priorities[i] ?? 'p3';
    const category = rng.weighted(
      categoryKeys.map((key) => {
        const profile = profiles[key] as CategoryProfile;
        const factor = priority === 'p3' ? 1 : (profile.priority[priority] ?? (priority === 'p1' ? 0 : 1));
        return [key, profile.weight * factor] as const;
      }),
    );
    const customer = rng.weighted(byChannel(channel));
    const t0 = sampler.sample(rng, channel === 'chat' || channel === 'voice' || (channel === 'messaging' && rng.chance(0.9)));
    seeds.push({ customer, channel, priority, category, t0, duplicate: false, reopen: false });
  }
  seeds.sort((x, y) => x.t0 - y.t0);

  // A few customers write twice about the same thing (the agent merges the second ticket into the
  // first) and a few reopen a solved ticket; counted out rather than left to chance, so that even a
  // small demo shows them. A duplicate is a ticket of its own, so one other ticket makes room for it.
  const older = (days: number) => (s: Seed) => s.t0 < now - days * DAY && s.priority !== 'p1';
  const duplicates = options.tickets >= 10 ? Math.max(1, Math.round(options.tickets * 0.025)) : 0;
  const canRepeat = rng.shuffle(seeds.filter((s) => older(6)(s) && ['email', 'web', 'messaging'].includes(s.channel)));
  for (const seed of canRepeat.slice(0, duplicates)) seed.duplicate = true;
  const spare = new Set(rng.shuffle(seeds.filter((s) => older(6)(s) && !s.duplicate)).slice(0, seeds.filter((s) => s.duplicate).length));
  seeds = seeds.filter((s) => !spare.has(s));
  const reopens = options.tickets >= 10 ? Math.max(1, Math.round(options.tickets * 0.04)) : 0;
  for (const seed of rng.shuffle(seeds.filter(older(15))).slice(0, reopens)) seed.reopen = true;

  // The most recent tickets make up the live queue: make sure it shows every open state.
  const singles = seeds.filter((s) => !s.duplicate && !s.reopen);
  const queueSize = Math.min(singles.length, Math.max(6, Math.round(options.tickets * 0.06)));
  const required: Fate[] = ['new', 'open', 'pending', 'on_hold', 'solved'];
  const fates = rng
    .shuffle([
      ...required,
      ...Array.from({ length: Math.max(0, queueSize - required.length) }, () =>
        rng.weighted<Fate>([
          ['new', 2],
          ['open', 4],
          ['pending', 4],
          ['on_hold', 1],
          ['solved', 3],
        ]),
      ),
    ])
    .slice(0, queueSize);
  singles.slice(singles.length - queueSize).forEach((seed, i) => {
    const fate = fates[i];
    if (!fate) return;
    seed.fate = fate;
    // The live queue is ordinary work: no P1s or routed requests, which follow other paths.
    if (seed.priority === 'p1') seed.priority = 'p2';
    const profile = profiles[seed.category] as CategoryProfile;
    if (profile.direct || (fate === 'on_hold' && profile.t3 === 0 && profile.escalate === 0)) seed.category = 'integrations-api';
    if (fate === 'new') {
      // Nobody has picked it up yet: a message that came in within the last hours.
      seed.t0 = roundSecond(now - rng.between(3, 150) * MINUTE);
      if (seed.channel === 'chat' || seed.channel === 'voice') seed.channel = 'email';
    }
  });

  const stories = seeds.map((seed) => {
    const customer = customers[seed.customer] as PlannedCustomer;
    const org = customer.org !== null ? organizations[customer.org] : undefined;
    const { customer: _index, ...story } = seed;
    return settle(rng, { ...buildStory({ rng, now, customer, org, ...story, fate: seed.fate }), customer: seed.customer }, now);
  });
  stories.sort((x, y) => x.t0 - y.t0);
  return { now, agents, organizations, customers, stories, setupAt };
}
