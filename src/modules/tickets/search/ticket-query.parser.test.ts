import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_QUERY_LENGTH, type Term, TicketQueryError, parseTicketQuery } from './ticket-query.parser.ts';

function terms(input: string): Term[] {
  return parseTicketQuery(input).terms;
}

function only(input: string): Term {
  const [term, ...rest] = terms(input);
  expect(rest).toEqual([]);
  if (!term) throw new Error(`no term parsed from ${input}`);
  return term;
}

function errorOf(input: string): TicketQueryError {
  try {
    parseTicketQuery(input);
  } catch (error) {
    if (error instanceof TicketQueryError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`);
}

describe('parseTicketQuery', () => {
  describe('structure', () => {
    it('accepts an empty or blank query as "everything", sorted by most recently updated', () => {
      expect(parseTicketQuery('')).toEqual({ terms: [], sort: { field: 'updated', direction: 'desc' } });
      expect(parseTicketQuery('  \t\n ')).toEqual({ terms: [], sort: { field: 'updated', direction: 'desc' } });
    });

    it('splits terms on any whitespace and records where each starts', () => {
      expect(terms(' status:open\ttag:vip  refund').map((term) => [term.kind, term.position])).toEqual([
        ['status', 1],
        ['tag', 13],
        ['text', 22],
      ]);
    });

    it('reads bare words and quoted phrases as text terms', () => {
      expect(terms('refund "password reset"')).toEqual([
        { kind: 'text', text: 'refund', phrase: false, negated: false, position: 0 },
        { kind: 'text', text: 'password reset', phrase: true, negated: false, position: 7 },
      ]);
    });

    it('keeps hyphens and commas inside bare words as text', () => {
      expect(terms('e-mail foo,bar 2026-01-01')).toEqual([
        { kind: 'text', text: 'e-mail', phrase: false, negated: false, position: 0 },
        { kind: 'text', text: 'foo,bar', phrase: false, negated: false, position: 7 },
        { kind: 'text', text: '2026-01-01', phrase: false, negated: false, position: 15 },
      ]);
    });

    it('negates any term with a leading hyphen', () => {
      expect(terms('-tag:vip -"password reset" -refund status:open').map((term) => term.negated)).toEqual([true, true, true, false]);
      expect(only('-status:closed')).toMatchObject({ kind: 'status', negated: true, position: 0 });
    });

    it('treats field names and enum values case-insensitively', () => {
      expect(only('Status:OPEN')).toMatchObject({ kind: 'status', match: { op: ':', values: ['open'] } });
      expect(only('TYPE:Incident')).toMatchObject({ kind: 'type', values: ['incident'] });
    });
  });

  describe('fields', () => {
    it('parses a comma list as any of the values', () => {
      expect(only('status:open,pending')).toMatchObject({ match: { op: ':', values: ['open', 'pending'] } });
      expect(only('type:question,task')).toMatchObject({ kind: 'type', values: ['question', 'task'] });
    });

    it('parses the comparison operators on ordered fields', () => {
      expect(only('status<solved')).toMatchObject({ match: { op: '<', value: 'solved' } });
      expect(only('status<=pending')).toMatchObject({ match: { op: '<=', value: 'pending' } });
      expect(only('tier>1')).toMatchObject({ kind: 'tier', match: { op: '>', value: 1 } });
      expect(only('id>=1042')).toMatchObject({ kind: 'id', match: { op: '>=', value: 1042 } });
    });

    it('maps status and priority aliases to their canonical values', () => {
      expect(only('status:hold')).toMatchObject({ match: { op: ':', values: ['on_hold'] } });
      expect(only('priority:urgent,high,normal,low,p2')).toMatchObject({
        match: { op: ':', values: ['p1', 'p2', 'p3', 'p4', 'p2'] },
      });
      expect(only('priority<=high')).toMatchObject({ match: { op: '<=', value: 'p2' } });
    });

    it('accepts "org" for organization and quoted names', () => {
      expect(only('org:"Acme Inc"')).toMatchObject({ kind: 'organization', values: [{ kind: 'name', name: 'Acme Inc' }] });
      expect(only('group:"Tier 2",7,none')).toMatchObject({
        kind: 'group',
        values: [{ kind: 'name', name: 'Tier 2' }, { kind: 'id', id: 7 }, { kind: 'none' }],
      });
    });

    it('recognises the kinds of assignee', () => {
      expect(only('assignee:me,none,42,Dana@Support.test')).toMatchObject({
        kind: 'assignee',
        values: [{ kind: 'me' }, { kind: 'none' }, { kind: 'id', id: 42 }, { kind: 'email', email: 'dana@support.test' }],
      });
    });

    it('recognises requester emails, ids and name fragments', () => {
      expect(only('requester:Alice@Example.com,17,smith')).toMatchObject({
        kind: 'requester',
        values: [
          { kind: 'email', email: 'alice@example.com' },
          { kind: 'id', id: 17 },
          { kind: 'name', fragment: 'smith' },
        ],
      });
    });

    it('reads categories as ids or paths/slugs, and tags verbatim', () => {
      expect(only('category:Billing/Refunds,3,none')).toMatchObject({
        values: [{ kind: 'pathOrSlug', value: 'billing/refunds' }, { kind: 'id', id: 3 }, { kind: 'none' }],
      });
      expect(only('tag:VIP,none')).toMatchObject({ values: [{ kind: 'tag', tag: 'VIP' }, { kind: 'none' }] });
    });

    it('keeps channels as lower-case text', () => {
      expect(only('channel:Email,voice')).toMatchObject({ kind: 'channel', values: ['email', 'voice'] });
    });

    it('parses absolute days and relative ages', () => {
      expect(only('created:2026-01-01,2028-02-29')).toMatchObject({
        kind: 'created',
        match: {
          op: ':',
          values: [
            { kind: 'day', date: '2026-01-01' },
            { kind: 'day', date: '2028-02-29' },
          ],
        },
      });
      expect(only('updated<7d')).toMatchObject({ match: { op: '<', value: { kind: 'ago', amount: 7, unit: 'd' } } });
      expect(only('solved>=2W')).toMatchObject({ match: { op: '>=', value: { kind: 'ago', amount: 2, unit: 'w' } } });
      expect(terms('updated>12h created<30m').map((term) => 'match' in term && term.match)).toEqual([
        { op: '>', value: { kind: 'ago', amount: 12, unit: 'h' } },
        { op: '<', value: { kind: 'ago', amount: 30, unit: 'm' } },
      ]);
    });
  });

  describe('sorting', () => {
    it('takes order_by and sort out of the terms', () => {
      expect(parseTicketQuery('order_by:created sort:asc status:open')).toEqual({
        terms: [expect.objectContaining({ kind: 'status' })],
        sort: { field: 'created', direction: 'asc' },
      });
    });

    it('defaults the direction per field when only order_by is given', () => {
      expect(parseTicketQuery('order_by:priority').sort).toEqual({ field: 'priority', direction: 'asc' });
      expect(parseTicketQuery('order_by:status').sort).toEqual({ field: 'status', direction: 'asc' });
      expect(parseTicketQuery('order_by:id').sort).toEqual({ field: 'id', direction: 'desc' });
      expect(parseTicketQuery('sort:asc').sort).toEqual({ field: 'updated', direction: 'asc' });
    });

    it('rejects misuse of order_by and sort', () => {
      expect(errorOf('order_by:subject').message).toMatch(/Invalid value "subject" for order_by at position 9/);
      expect(errorOf('sort:up').message).toMatch(/expected asc, desc/);
      expect(errorOf('-order_by:id').message).toBe('"order_by" cannot be negated at position 0');
      expect(errorOf('order_by:id,created').position).toBe(12);
      expect(errorOf('sort:asc sort:desc').message).toMatch(/"sort" given twice at position 9/);
      expect(errorOf('order_by<id').message).toMatch(/Operator "<" is not supported for field "order_by"/);
    });
  });

  describe('errors', () => {
    it.each([
      ['stauts:open', 0, /^Unknown field "stauts" at position 0; did you mean "status"\? known fields: status, priority/],
      ['tag:x "password', 6, /^Unterminated quote starting at position 6/],
      ['priority:p7', 9, /^Invalid value "p7" for priority at position 9; expected p1, p2, p3, p4/],
      ['tag<vip', 3, /^Operator "<" is not supported for field "tag" at position 3/],
      ['created:2026-13-01', 8, /^Invalid date "2026-13-01" at position 8/],
      ['created>2026-02-30', 8, /^Invalid date "2026-02-30"/],
      ['created<yesterday', 8, /^Invalid date "yesterday" at position 8; expected a date like 2026-01-31/],
      ['status:', 0, /^Empty value for "status" at position 0/],
      ['x status:open,', 14, /^Empty value in the list for "status" at position 14/],
      ['status:open,,new', 12, /^Empty value in the list/],
      ['group:""', 6, /^Empty value for "group"/],
      ['""', 0, /^Empty phrase/],
      ['status:wat', 7, /expected new, open, pending, on_hold, solved, closed/],
      ['type<task', 4, /Operator "<" is not supported for field "type"/],
      ['tier:4', 5, /Invalid value "4" for tier/],
      ['id:abc', 3, /Invalid value "abc" for id/],
      ['id:99999999999999999999', 3, /Invalid value .* for id/],
      ['assignee:dana', 9, /expected me, none, a user id or an email address/],
      ['requester:@nowhere', 10, /Invalid value "@nowhere" for requester/],
      ['priority<p2,p3', 12, /Operator "<" takes a single value/],
      ['updated:7d', 8, /Relative date "7d" needs "<" or ">" for updated.*updated<7d/],
      ['updated<99999w', 8, /too far back/],
      ['created:<2026-01-01', 8, /Unexpected "<" at position 8; expected a value for "created"/],
      ['status:open:x', 11, /Unexpected ":" at position 11/],
      ['-', 0, /Nothing to negate/],
      ['refund -', 7, /Nothing to negate after "-" at position 7/],
      ['--tag:vip', 1, /Unexpected "-"/],
      ['abc"def"', 3, /Unexpected quote at position 3; put a space before a quoted phrase/],
      ['"abc"def', 5, /Unexpected "def" at position 5/],
      [':open', 0, /Missing field name before ":"/],
      ['http://example.com', 0, /Unknown field "http".*put it in quotes/],
      ['constructor:x __proto__:y', 0, /Unknown field "constructor"/],
      ['status:constructor', 7, /Invalid value "constructor" for status/],
    ])('rejects %j at position %i', (input, position, message) => {
      const error = errorOf(input);
      expect(error.position).toBe(position);
      expect(error.message).toMatch(message);
    });

    it('caps the query length', () => {
      expect(() => parseTicketQuery('a'.repeat(MAX_QUERY_LENGTH))).not.toThrow();
      const error = errorOf('a'.repeat(MAX_QUERY_LENGTH + 1));
      expect(error.message).toMatch(/too long/);
      expect(error.position).toBe(MAX_QUERY_LENGTH);
    });

    it('finds a quoted URL searchable as a phrase', () => {
      expect(only('"http://example.com"')).toMatchObject({ kind: 'text', text: 'http://example.com', phrase: true });
    });
  });

  describe('robustness', () => {
    it('only ever throws TicketQueryError, with a position inside the input', () => {
      fc.assert(
        fc.property(fc.string(), (input) => {
          try {
            parseTicketQuery(input);
          } catch (error) {
            expect(error).toBeInstanceOf(TicketQueryError);
            if (!(error instanceof TicketQueryError)) return;
            expect(error.position).toBeGreaterThanOrEqual(0);
            expect(error.position).toBeLessThanOrEqual(input.length);
          }
        }),
        { numRuns: 2000 },
      );
    });

    it('only ever throws TicketQueryError for inputs built from the language itself', () => {
      const piece = fc.constantFrom(
        'status',
        'priority',
        'tag',
        'created',
        'updated',
        'order_by',
        'sort',
        'assignee',
        'category',
        'id',
        'tier',
        ':',
        '<',
        '>',
        '<=',
        '>=',
        '=',
        ',',
        '-',
        '"',
        ' ',
        'open',
        'p2',
        'me',
        'none',
        '7d',
        '2026-01-01',
        'x@y',
        '1',
        'a',
      );
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
          const input = pieces.join('');
          try {
            parseTicketQuery(input);
          } catch (error) {
            expect(error).toBeInstanceOf(TicketQueryError);
          }
        }),
        { numRuns: 3000 },
      );
    });
  });
});
