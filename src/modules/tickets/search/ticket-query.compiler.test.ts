import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PGliteDialect, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { up } from '../../../db/migrations/202611230900_foundation.ts';
import type { Database, NewTicket } from '../../../db/schema.ts';
import { type TicketQueryContext, compileTicketQuery, sortFor } from './ticket-query.compiler.ts';
import { parseTicketQuery } from './ticket-query.parser.ts';

const NOW = new Date('2026-03-15T12:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number): Date => new Date(NOW.getTime() - ms);

let pglite: PGlite;
let db: Kysely<Database>;
const ALL_TICKETS = [1, 2, 3, 4, 5, 6];
const DANA = 1;
const ELI = 2;

beforeAll(async () => {
  pglite = await PGlite.create({ extensions: { pg_trgm }, parsers: { 20: (v: string) => Number(v) } });
  db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  await up(db);
  await seed(db);
});

afterAll(async () => {
  await db.destroy();
});

async function seed(db: Kysely<Database>): Promise<void> {
  const at = { created_at: ago(400 * DAY), updated_at: ago(400 * DAY) };
  await db
    .insertInto('organizations')
    .values([
      { name: 'Acme', ...at },
      { name: 'Globex', ...at },
    ])
    .execute(); // ids 1, 2
  await db
    .insertInto('customers')
    .values([
      { name: 'Alice Jones', organization_id: 1, ...at },
      { name: 'Bob Smith', organization_id: 2, ...at },
      { name: 'Carol 100% Real', organization_id: null, ...at },
    ])
    .execute(); // ids 1, 2, 3
  await db
    .insertInto('customer_identities')
    .values([
      { customer_id: 1, kind: 'email', value: 'alice@example.com', created_at: at.created_at },
      { customer_id: 2, kind: 'email', value: 'bob@globex.com', created_at: at.created_at },
      { customer_id: 3, kind: 'phone', value: '+15550100', created_at: at.created_at },
    ])
    .execute();
  await db
    .insertInto('users')
    .values([
      {
        email: 'dana@support.test',
        name: 'Dana',
        role: 'associate',
        password_hash: null,
        tier: 1,
        customer_id: null,
        last_sign_in_at: null,
        ...at,
      },
      {
        email: 'Eli@Support.test',
        name: 'Eli',
        role: 'engineer',
        password_hash: null,
        tier: 2,
        customer_id: null,
        last_sign_in_at: null,
        ...at,
      },
    ])
    .execute(); // ids 1 (DANA), 2 (ELI)
  await db
    .insertInto('groups')
    .values([
      { name: 'Tier 2', tier: 2, ...at },
      { name: 'Billing', tier: 1, ...at },
    ])
    .execute(); // ids 1, 2
  await db
    .insertInto('categories')
    .values([
      { parent_id: null, name: 'Billing', slug: 'billing', path: 'billing', ...at }, // 1
      { parent_id: 1, name: 'Refunds', slug: 'refunds', path: 'billing/refunds', ...at }, // 2
      { parent_id: null, name: 'Shipping', slug: 'shipping', path: 'shipping', ...at }, // 3
      { parent_id: null, name: 'Old billing', slug: 'billing-old', path: 'billing-old', ...at }, // 4
      { parent_id: 2, name: 'Partial', slug: 'partial', path: 'billing/refunds/partial', ...at }, // 5
    ])
    .execute();

  const ticket = (id: number, fields: Partial<NewTicket> & Pick<NewTicket, 'subject' | 'status' | 'priority'>): NewTicket => ({
    id,
    type: 'question',
    channel: 'email',
    requester_id: 1,
    organization_id: null,
    assignee_id: null,
    group_id: null,
    category_id: null,
    custom_fields: {},
    created_at: ago(100 * DAY),
    updated_at: ago(100 * DAY),
    ...fields,
  });
  await db
    .insertInto('tickets')
    .values([
      ticket(1, {
        subject: 'Password reset not working',
        status: 'new',
        priority: 'p1',
        type: 'incident',
        channel: 'email',
        requester_id: 1,
        organization_id: 1,
        assignee_id: DANA,
        group_id: 1,
        tier: 2,
        category_id: 2,
        tags: ['vip', 'login'],
        created_at: new Date('2026-01-01T10:00:00Z'),
        updated_at: ago(1 * HOUR),
      }),
      ticket(2, {
        subject: 'Refund request for order',
        status: 'open',
        priority: 'p2',
        type: 'question',
        channel: 'web',
        requester_id: 2,
        organization_id: 2,
        assignee_id: ELI,
        group_id: 2,
        tier: 1,
        category_id: 1,
        tags: ['refund'],
        created_at: new Date('2026-01-01T23:59:59.999Z'),
        updated_at: ago(3 * DAY),
      }),
      ticket(3, {
        subject: 'Cannot log in',
        status: 'pending',
        priority: 'p3',
        type: 'problem',
        channel: 'chat',
        requester_id: 3,
        tier: 3,
        category_id: 3,
        created_at: new Date('2026-01-02T00:00:00Z'),
        updated_at: ago(10 * DAY),
      }),
      ticket(4, {
        subject: 'Invoice question',
        status: 'on_hold',
        priority: 'p4',
        type: 'task',
        channel: 'email',
        requester_id: 1,
        organization_id: 1,
        assignee_id: DANA,
        group_id: 2,
        tier: 1,
        category_id: 4,
        tags: ['vip'],
        created_at: new Date('2025-12-31T23:59:59.999Z'),
        updated_at: ago(20 * DAY),
      }),
      ticket(5, {
        subject: 'Shipping delay',
        status: 'solved',
        priority: 'p2',
        type: 'incident',
        channel: 'voice',
        requester_id: 2,
        organization_id: 2,
        assignee_id: ELI,
        group_id: 1,
        tier: 2,
        category_id: 5,
        tags: ['shipping'],
        created_at: new Date('2026-02-01T08:00:00Z'),
        updated_at: ago(2 * DAY),
        solved_at: ago(2 * DAY),
      }),
      ticket(6, {
        subject: 'Account closed',
        status: 'closed',
        priority: 'p3',
        type: 'question',
        channel: 'api',
        requester_id: 3,
        tier: 1,
        created_at: new Date('2026-02-10T08:00:00Z'),
        updated_at: ago(40 * DAY),
        solved_at: ago(45 * DAY),
      }),
    ])
    .execute();

  const comment = (ticketId: number, body: string, isPublic = true) => ({
    ticket_id: ticketId,
    author_user_id: null,
    author_customer_id: null,
    body,
    public: isPublic,
    channel: 'email',
    metadata: {},
    created_at: ago(DAY),
  });
  await db
    .insertInto('ticket_comments')
    .values([
      comment(2, 'The password reset email never arrived.'),
      comment(3, 'I tried to reset my password twice.'),
      comment(4, 'The invoice total was wrong.'),
      comment(4, 'Customer wants a credit note.', false),
      comment(5, 'Refund issued for the delay.'),
      comment(6, 'Internal: old invoice dispute', false),
    ])
    .execute();
}

const agentDana: TicketQueryContext = { currentUserId: DANA, now: NOW };

async function search(query: string, ctx: TicketQueryContext = agentDana): Promise<number[]> {
  const ast = parseTicketQuery(query);
  const rows = await db
    .selectFrom('tickets')
    .select('tickets.id')
    .where((eb) => compileTicketQuery(eb, ast, ctx))
    .orderBy('tickets.id')
    .execute();
  return rows.map((row) => row.id);
}

/** Asserts the exact set, so every id is checked both ways: the expected ones in, all others out. */
async function expectMatches(query: string, expected: number[], ctx?: TicketQueryContext): Promise<void> {
  const found = await search(query, ctx);
  expect(found, query).toEqual(expected);
  expect(
    ALL_TICKETS.filter((id) => !found.includes(id)),
    `${query} excludes`,
  ).toEqual(ALL_TICKETS.filter((id) => !expected.includes(id)));
}

describe('compileTicketQuery against Postgres', () => {
  it('matches every ticket for the empty query', async () => {
    await expectMatches('', ALL_TICKETS);
  });

  describe('status, priority, type, channel, tier, id', () => {
    it('compares status by the lifecycle, not alphabetically', async () => {
      await expectMatches('status:open', [2]);
      await expectMatches('status:open,pending', [2, 3]);
      await expectMatches('status:hold', [4]);
      await expectMatches('status<solved', [1, 2, 3, 4]);
      await expectMatches('status>=solved', [5, 6]);
      await expectMatches('status>pending', [4, 5, 6]);
      await expectMatches('status<new', []);
      await expectMatches('-status:closed', [1, 2, 3, 4, 5]);
    });

    it('compares priority by its number', async () => {
      await expectMatches('priority:p2', [2, 5]);
      await expectMatches('priority:urgent,low', [1, 4]);
      await expectMatches('priority<=p2', [1, 2, 5]);
      await expectMatches('priority<p2', [1]);
      await expectMatches('priority>normal', [4]);
    });

    it('filters type and channel', async () => {
      await expectMatches('type:incident', [1, 5]);
      await expectMatches('type:question,task', [2, 4, 6]);
      await expectMatches('channel:email', [1, 4]);
      await expectMatches('channel:Voice,api', [5, 6]);
    });

    it('compares tier and id numerically', async () => {
      await expectMatches('tier:2', [1, 5]);
      await expectMatches('tier>1', [1, 3, 5]);
      await expectMatches('tier<=1', [2, 4, 6]);
      await expectMatches('id:3,5', [3, 5]);
      await expectMatches('id>=4', [4, 5, 6]);
      await expectMatches('id<2', [1]);
    });
  });

  describe('people and organizations', () => {
    it('resolves assignee me, none, id and case-insensitive email', async () => {
      await expectMatches('assignee:me', [1, 4]);
      await expectMatches('assignee:me', [2, 5], { currentUserId: ELI, now: NOW });
      await expectMatches('assignee:me', [], { currentUserId: null, now: NOW });
      await expectMatches('assignee:none', [3, 6]);
      await expectMatches('assignee:2', [2, 5]);
      await expectMatches('assignee:eli@support.TEST', [2, 5]);
      await expectMatches('assignee:nobody@support.test', []);
      await expectMatches('assignee:me,none', [1, 3, 4, 6]);
    });

    it('keeps unassigned tickets when negating an assignee', async () => {
      await expectMatches('-assignee:me', [2, 3, 5, 6]);
      await expectMatches('-assignee:none', [1, 2, 4, 5]);
    });

    it('resolves requester by email identity, id or name fragment', async () => {
      await expectMatches('requester:ALICE@example.com', [1, 4]);
      await expectMatches('requester:bob@globex.com,3', [2, 3, 5, 6]);
      await expectMatches('requester:smith', [2, 5]);
      await expectMatches('requester:"alice jones"', [1, 4]);
      await expectMatches('requester:+15550100', []); // a phone identity is not an email, and no name has it
    });

    it('treats LIKE wildcards in a name fragment literally', async () => {
      await expectMatches('requester:100%', [3, 6]);
      await expectMatches('requester:%', [3, 6]);
      await expectMatches('requester:_', []);
    });

    it('resolves organization and group by id, case-insensitive name or none', async () => {
      await expectMatches('organization:acme', [1, 4]);
      await expectMatches('org:2', [2, 5]);
      await expectMatches('org:none', [3, 6]);
      await expectMatches('-org:acme', [2, 3, 5, 6]);
      await expectMatches('group:"tier 2"', [1, 5]);
      await expectMatches('group:2,none', [2, 3, 4, 6]);
      await expectMatches('-group:billing', [1, 3, 5, 6]);
      await expectMatches('group:"No such group"', []);
    });
  });

  describe('tags and categories', () => {
    it('matches tags by containment, and tag:none for untagged tickets', async () => {
      await expectMatches('tag:vip', [1, 4]);
      await expectMatches('tag:login,shipping', [1, 5]);
      await expectMatches('-tag:vip', [2, 3, 5, 6]);
      await expectMatches('tag:none', [3, 6]);
      await expectMatches('tag:vi', []);
    });

    it('matches a category and its descendants, by id, path or slug', async () => {
      await expectMatches('category:billing', [1, 2, 5]);
      await expectMatches('category:1', [1, 2, 5]);
      await expectMatches('category:billing/refunds', [1, 5]);
      await expectMatches('category:refunds', [1, 5]);
      await expectMatches('category:Billing/Refunds/Partial', [5]);
      await expectMatches('category:billing-old', [4]);
      await expectMatches('category:none', [6]);
      await expectMatches('-category:billing', [3, 4, 6]);
    });
  });

  describe('dates', () => {
    it('treats an absolute date as a whole UTC day', async () => {
      await expectMatches('created:2026-01-01', [1, 2]);
      await expectMatches('created:2026-01-02,2025-12-31', [3, 4]);
      await expectMatches('created>2026-01-01', [3, 5, 6]);
      await expectMatches('created>=2026-01-01', [1, 2, 3, 5, 6]);
      await expectMatches('created<2026-01-01', [4]);
      await expectMatches('created<=2026-01-01', [1, 2, 4]);
    });

    it('reads relative dates as ages: "<7d" is less than 7 days ago', async () => {
      await expectMatches('updated<7d', [1, 2, 5]);
      await expectMatches('updated>7d', [3, 4, 6]);
      await expectMatches('updated<2h', [1]);
      await expectMatches('updated<3w', [1, 2, 3, 4, 5]);
      await expectMatches('updated<4320m', [1, 5]); // 3 days exactly: ticket 2 is not *less* than 3 days old
      await expectMatches('updated<=4320m', [1, 2, 5]);
    });

    it('leaves tickets that were never solved out of solved filters, and in when negated', async () => {
      await expectMatches('solved<7d', [5]);
      await expectMatches('solved>7d', [6]);
      await expectMatches('-solved<7d', [1, 2, 3, 4, 6]);
      await expectMatches('solved>=2020-01-01', [5, 6]);
    });
  });

  describe('full-text search', () => {
    it('finds a word in the subject or in any message', async () => {
      await expectMatches('password', [1, 2, 3]);
      await expectMatches('invoice', [4, 6]); // 6 only through an internal note
      await expectMatches('refunds', [2, 5]); // stemmed: "Refund" subject, "Refund issued" message
    });

    it('lets each bare word match in a different message or the subject', async () => {
      await expectMatches('shipping refund', [5]); // subject + message
      await expectMatches('invoice credit', [4]); // two different messages
      await expectMatches('password arrived', [2]);
      await expectMatches('password zebra', []);
    });

    it('requires a phrase in order within one subject or message', async () => {
      await expectMatches('"password reset"', [1, 2]);
      await expectMatches('"reset password"', []);
      await expectMatches('"credit note" "invoice total"', [4]);
      await expectMatches('"invoice credit"', []);
    });

    it('negates text search over subject and all messages', async () => {
      await expectMatches('-password', [4, 5, 6]);
      await expectMatches('-"password reset"', [3, 4, 5, 6]);
    });

    it('ignores words that are only stop words or punctuation', async () => {
      await expectMatches('the', ALL_TICKETS);
      await expectMatches('the password', [1, 2, 3]);
      await expectMatches('-the', ALL_TICKETS);
      await expectMatches('"the" , !!', ALL_TICKETS);
    });

    it('passes tsquery syntax through as plain text', async () => {
      await expectMatches('password|invoice', []);
      await expectMatches("pass'word&", []);
      await expectMatches('"password & reset"', [1, 2]);
    });

    it('uses the GIN indexes on the stored tsvector columns', async () => {
      const ast = parseTicketQuery('password');
      await sql`set enable_seqscan = off`.execute(db);
      try {
        const compiled = db
          .selectFrom('tickets')
          .select('tickets.id')
          .where((eb) => compileTicketQuery(eb, ast, agentDana))
          .compile();
        const plan = await pglite.query<{ 'QUERY PLAN': string }>(`explain ${compiled.sql}`, [...compiled.parameters]);
        const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
        expect(text).toContain('tickets_subject_tsv_idx');
        expect(text).toContain('ticket_comments_body_tsv_idx');
      } finally {
        await sql`reset enable_seqscan`.execute(db);
      }
    });
  });

  describe('combinations', () => {
    it('ANDs terms of all kinds', async () => {
      await expectMatches('status<solved -tag:vip', [2, 3]);
      await expectMatches('assignee:me tag:vip priority:p1', [1]);
      await expectMatches('org:globex password', [2]);
      await expectMatches('group:"Tier 2" updated<7d -status:solved', [1]);
      await expectMatches('category:billing -"password reset" order_by:priority', [5]);
    });
  });
});

describe('sortFor', () => {
  async function sorted(query: string): Promise<number[]> {
    const ast = parseTicketQuery(query);
    let builder = db
      .selectFrom('tickets')
      .select('tickets.id')
      .where((eb) => compileTicketQuery(eb, ast, agentDana));
    for (const key of sortFor(ast)) builder = builder.orderBy(key.expression, key.direction);
    const rows = await builder.execute();
    return rows.map((row) => row.id);
  }

  it('defaults to most recently updated first', async () => {
    expect(await sorted('')).toEqual([1, 5, 2, 3, 4, 6]);
  });

  it('orders priority by number and status by lifecycle, with id breaking ties', async () => {
    expect(await sorted('order_by:priority')).toEqual([1, 2, 5, 3, 6, 4]);
    expect(await sorted('order_by:priority sort:desc')).toEqual([4, 6, 3, 5, 2, 1]);
    expect(await sorted('order_by:status')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await sorted('order_by:status sort:desc status:open,closed,on_hold')).toEqual([6, 4, 2]);
  });

  it('orders by created and id', async () => {
    expect(await sorted('order_by:created sort:asc')).toEqual([4, 1, 2, 3, 5, 6]);
    expect(await sorted('order_by:id')).toEqual([6, 5, 4, 3, 2, 1]);
  });
});
