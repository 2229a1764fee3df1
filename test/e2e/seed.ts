/**
 * Fills an empty Frontline with a small, realistic help desk through the public API, so the
 * screenshots in screens.ts show real screens: agents in groups, a portal customer and tickets
 * with conversations, internal notes and property changes. Does nothing if tickets exist.
 */

export const DEMO_PASSWORD = 'frontline-demo-2026';

export const demoAgents = [
  { key: 'maya', name: 'Maya Chen', email: 'maya@frontline.example', role: 'manager', tier: 3 },
  { key: 'tomas', name: 'Tomás Silva', email: 'tomas@frontline.example', role: 'engineer', tier: 2 },
  { key: 'priya', name: 'Priya Natarajan', email: 'priya@frontline.example', role: 'associate', tier: 1 },
  { key: 'jonas', name: 'Jonas Berg', email: 'jonas@frontline.example', role: 'associate', tier: 1 },
  { key: 'aiko', name: 'Aiko Tanaka', email: 'aiko@frontline.example', role: 'analyst', tier: null },
] as const;

export const demoCustomer = { name: 'Ana Souza', email: 'ana@northwind.example' } as const;

type AgentKey = (typeof demoAgents)[number]['key'];
type As = AgentKey | 'admin' | 'ana';

interface TicketSeed {
  subject: string;
  requester: { name: string; email: string };
  description: string;
  channel: 'email' | 'web' | 'chat' | 'portal';
  priority: 'p1' | 'p2' | 'p3' | 'p4';
  type?: 'question' | 'incident' | 'problem' | 'task';
  tags?: string[];
  group?: string;
  assignee?: AgentKey;
  /** Comments after the description, in order. */
  thread?: { as: As; body: string; internal?: boolean; status?: 'open' | 'pending' | 'on_hold' | 'solved' }[];
  status?: 'new' | 'open' | 'pending' | 'on_hold' | 'solved';
}

const ana = { name: demoCustomer.name, email: demoCustomer.email };

const tickets: TicketSeed[] = [
  {
    subject: 'Checkout fails with "card declined" for every EU customer since this morning',
    requester: { name: 'Lukas Meyer', email: 'lukas@brightcart.example' },
    description:
      'Hi team,\n\nsince about 07:40 CET every checkout from an EU card fails with "card declined". US cards still work. We lose orders every minute — please treat this as urgent.\n\nLukas',
    channel: 'email',
    priority: 'p1',
    type: 'incident',
    tags: ['payments', 'outage', 'vip'],
    group: 'Technical support',
    assignee: 'tomas',
    thread: [
      {
        as: 'tomas',
        body: 'Looking at the payment gateway logs now. Seeing 3-D Secure challenges time out for EU issuers.',
        internal: true,
      },
      {
        as: 'tomas',
        body: 'Hi Lukas,\n\nthanks for the quick report. We can see 3-D Secure challenges timing out for EU-issued cards and are working on it with our payment provider. I will update you within 30 minutes.\n\nTomás',
        status: 'open',
      },
      { as: 'maya', body: 'Escalated to the provider (case 88213). Keep Lukas updated every 30 min please.', internal: true },
    ],
  },
  {
    subject: 'Invoice #2024-1183 charged twice',
    requester: ana,
    description:
      'Hello, my credit card statement shows invoice #2024-1183 charged twice on the 3rd. Can you refund the duplicate charge?\n\nThanks, Ana',
    channel: 'portal',
    priority: 'p2',
    type: 'problem',
    tags: ['billing', 'refund'],
    group: 'Billing',
    assignee: 'priya',
    thread: [
      {
        as: 'priya',
        body: 'Confirmed in Stripe: two captures 4 seconds apart. Refund of the second one is allowed under policy.',
        internal: true,
      },
      {
        as: 'priya',
        body: 'Hi Ana,\n\nyou are right — the invoice was captured twice. I have refunded the duplicate charge of €249.00; it takes 3–5 business days to show on your statement.\n\nIs there anything else I can help with?\n\nPriya',
        status: 'pending',
      },
      { as: 'ana', body: 'Great, thank you Priya! I will keep an eye on the statement.' },
    ],
  },
  {
    subject: 'How do I add a second admin to our workspace?',
    requester: { name: 'Grace Okafor', email: 'grace@lumenhealth.example' },
    description: 'We have a new operations lead joining next week. How can I give her admin rights without sharing my login?',
    channel: 'web',
    priority: 'p3',
    type: 'question',
    tags: ['accounts'],
    group: 'Accounts',
  },
  {
    subject: 'SSO login loops back to the sign-in page',
    requester: { name: 'Daniel Kim', email: 'daniel@orbitlabs.example' },
    description:
      'After we switched our Okta tenant, users who sign in with SSO are sent back to the sign-in page in a loop. Password login still works. Screenshots of the SAML trace attached in the next email.',
    channel: 'email',
    priority: 'p2',
    type: 'incident',
    tags: ['sso', 'okta'],
    group: 'Technical support',
    assignee: 'maya',
    thread: [
      {
        as: 'maya',
        body: 'Hi Daniel, could you send us the SAML response from the trace? The audience URI most likely still points to the old tenant.',
        status: 'pending',
      },
    ],
  },
  {
    subject: 'Export of all tickets to CSV times out',
    requester: { name: 'Sofia Rossi', email: 'sofia@verde.example' },
    description: 'The CSV export of our full history (about 180k tickets) stops after 5 minutes with a gateway timeout.',
    channel: 'email',
    priority: 'p3',
    type: 'problem',
    tags: ['export', 'reporting'],
    group: 'Technical support',
    assignee: 'maya',
    thread: [
      {
        as: 'maya',
        body: 'Reproduced on staging with 150k tickets. Engineering ticket ENG-4412 filed; workaround is exporting per year.',
        internal: true,
      },
      {
        as: 'maya',
        body: 'Hi Sofia,\n\nthanks for your patience. Large exports currently hit a time limit; our engineers are fixing it. Until then, exporting one year at a time works reliably.\n\nMaya',
        status: 'on_hold',
      },
    ],
  },
  {
    subject: 'Can we change the billing currency from USD to EUR?',
    requester: ana,
    description: 'Our finance team would prefer to be invoiced in EUR from next month on. Is that possible?',
    channel: 'portal',
    priority: 'p4',
    type: 'question',
    tags: ['billing'],
    group: 'Billing',
  },
  {
    subject: 'Webhook deliveries delayed by 10+ minutes',
    requester: { name: 'Ravi Patel', email: 'ravi@shipfast.example' },
    description: 'Our order.created webhooks arrive 10–15 minutes late since yesterday evening. This delays our warehouse picking.',
    channel: 'chat',
    priority: 'p2',
    type: 'incident',
    tags: ['webhooks', 'api'],
    group: 'Technical support',
  },
  {
    subject: 'Please remove a former employee from our account',
    requester: { name: 'Emma Lindqvist', email: 'emma@nordicpay.example' },
    description: 'Jon Eriksson (jon@nordicpay.example) left the company. Please deactivate his access today.',
    channel: 'email',
    priority: 'p2',
    type: 'task',
    tags: ['accounts', 'security'],
    group: 'Accounts',
    assignee: 'jonas',
    thread: [{ as: 'jonas', body: 'Verified Emma is an account owner before acting.', internal: true }],
  },
  {
    subject: 'Dark mode for the mobile app?',
    requester: { name: 'Marco Bianchi', email: 'marco@studio.example' },
    description: 'Love the product! Any plans for a dark mode in the iOS app? My eyes would thank you.',
    channel: 'web',
    priority: 'p4',
    type: 'question',
    tags: ['feature-request', 'mobile'],
    assignee: 'priya',
    thread: [
      {
        as: 'priya',
        body: 'Hi Marco,\n\nthank you! Dark mode is on our roadmap for the next major app release. I have added your vote to the request.\n\nPriya',
        status: 'solved',
      },
    ],
  },
  {
    subject: 'API rate limit too low for nightly sync',
    requester: { name: 'Hannah Fischer', email: 'hannah@datawerk.example' },
    description:
      'Our nightly sync hits 429s after about 600 requests. Can the limit be raised for our account, or is there a bulk endpoint?',
    channel: 'email',
    priority: 'p3',
    type: 'question',
    tags: ['api', 'limits'],
    group: 'Technical support',
    assignee: 'tomas',
    thread: [
      {
        as: 'tomas',
        body: 'Hi Hannah,\n\nthe bulk endpoint POST /v2/records:batch accepts up to 500 records per call, which should keep you well under the limit. Docs: developers › bulk operations.\n\nTomás',
        status: 'solved',
      },
    ],
  },
  {
    subject: 'Password reset email never arrives',
    requester: { name: 'Oliver Smith', email: 'oliver@greenleaf.example' },
    description: 'I requested a password reset three times in the last hour but no email arrived (checked spam too).',
    channel: 'web',
    priority: 'p3',
    type: 'problem',
    tags: ['email', 'accounts'],
    group: 'Accounts',
  },
  {
    subject: 'Upgrade to the Business plan mid-cycle',
    requester: { name: 'Chloé Martin', email: 'chloe@atelier.example' },
    description: 'If we upgrade today, is the price prorated for the rest of the month?',
    channel: 'chat',
    priority: 'p4',
    type: 'question',
    tags: ['billing', 'sales'],
    group: 'Billing',
    assignee: 'jonas',
    thread: [
      {
        as: 'jonas',
        body: 'Hi Chloé, yes — upgrades are prorated to the day. You only pay the difference for the remaining days.',
        status: 'solved',
      },
    ],
  },
];

class Client {
  constructor(
    readonly base: string,
    readonly token: string,
  ) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }
}

async function adminToken(base: string, email: string, password: string): Promise<string> {
  const signIn = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!signIn.ok) throw new Error(`admin sign-in failed: ${signIn.status} ${await signIn.text()}`);
  const session = (await signIn.json()) as { csrf_token: string };
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const created = await fetch(`${base}/api/v1/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': session.csrf_token },
    body: JSON.stringify({ name: 'e2e-seed' }),
  });
  if (!created.ok) throw new Error(`token creation failed: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { token: string }).token;
}

/** Seeds the demo help desk unless the instance already has tickets. Returns true if it seeded. */
export async function seed(base: string, admin: { email: string; password: string }): Promise<boolean> {
  const root = new Client(base, await adminToken(base, admin.email, admin.password));
  const existing = await root.call<{ data: unknown[] }>('GET', '/api/v1/tickets?limit=1');
  if (existing.data.length > 0) return false;

  const users = new Map<As, { id: number; client: Client }>();
  users.set('admin', { id: 0, client: root });
  for (const agent of demoAgents) {
    const user = await root.call<{ id: number }>('POST', '/api/v1/users', {
      email: agent.email,
      name: agent.name,
      role: agent.role,
      password: DEMO_PASSWORD,
      tier: agent.tier,
    });
    const { token } = await root.call<{ token: string }>('POST', '/api/v1/tokens', { name: 'e2e-seed', user_id: user.id });
    users.set(agent.key, { id: user.id, client: new Client(base, token) });
  }
  const customer = await root.call<{ id: number }>('POST', '/api/v1/users', {
    email: demoCustomer.email,
    name: demoCustomer.name,
    role: 'customer',
    password: DEMO_PASSWORD,
  });
  const customerToken = await root.call<{ token: string }>('POST', '/api/v1/tokens', { name: 'e2e-seed', user_id: customer.id });
  users.set('ana', { id: customer.id, client: new Client(base, customerToken.token) });

  const idOf = (key: AgentKey) => users.get(key)?.id as number;
  const groups = new Map<string, number>();
  const groupSeeds = [
    { name: 'Technical support', description: 'Product questions, incidents and integrations', members: ['maya', 'tomas'] as AgentKey[] },
    { name: 'Billing', description: 'Invoices, refunds, plans', members: ['maya', 'priya', 'jonas'] as AgentKey[] },
    { name: 'Accounts', description: 'Access, users, security requests', members: ['jonas', 'priya'] as AgentKey[] },
  ];
  for (const group of groupSeeds) {
    const created = await root.call<{ id: number }>('POST', '/api/v1/groups', {
      name: group.name,
      description: group.description,
      member_ids: group.members.map(idOf),
    });
    groups.set(group.name, created.id);
  }

  for (const seedTicket of tickets) {
    const author = seedTicket.requester.email === demoCustomer.email ? (users.get('ana') as { client: Client }).client : root;
    const body: Record<string, unknown> = {
      subject: seedTicket.subject,
      description: seedTicket.description,
      priority: seedTicket.priority,
      type: seedTicket.type ?? 'question',
      tags: seedTicket.tags ?? [],
      channel: seedTicket.channel,
    };
    if (author === root) body.requester = seedTicket.requester;
    const ticket = await author.call<{ id: number; version: number }>('POST', '/api/v1/tickets', body);
    let version = ticket.version;
    const patch: Record<string, unknown> = {};
    if (seedTicket.group) patch.group_id = groups.get(seedTicket.group);
    if (seedTicket.assignee) patch.assignee_id = idOf(seedTicket.assignee);
    if (Object.keys(patch).length > 0) {
      const updated = await (users.get(seedTicket.assignee ?? 'maya') as { client: Client }).client.call<{ version: number }>(
        'PATCH',
        `/api/v1/tickets/${ticket.id}`,
        { ...patch, version },
      );
      version = updated.version;
    }
    for (const comment of seedTicket.thread ?? []) {
      const who = users.get(comment.as) as { client: Client };
      await who.client.call('POST', `/api/v1/tickets/${ticket.id}/comments`, {
        body: comment.body,
        public: !comment.internal,
        ...(comment.status ? { status: comment.status } : {}),
      });
    }
  }
  return true;
}
