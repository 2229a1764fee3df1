/**
 * The ticket search language agents type into the search box (Zendesk-like):
 *
 *   status<solved -tag:vip group:"Tier 2" "password reset" refund order_by:priority
 *
 * Whitespace-separated terms are ANDed. A term is one of
 *   - `field:value` / `field:v1,v2` (any of the values), or `field<v`, `field<=v`, `field>v`, `field>=v`
 *     for ordered fields;
 *   - a quoted phrase `"password reset"`;
 *   - a bare word, searched in the subject and the messages;
 * and any term may be negated with a leading `-`.
 *
 * Any `:`, `<` or `>` outside quotes makes a term a field term, so `http://x` is rejected as the unknown
 * field "http" (the error suggests quoting it) instead of silently becoming something the agent did not mean.
 *
 * The parser is pure: it validates every value and produces a typed AST, but resolves nothing
 * (relative dates, "me", names) — that is the compiler's job, given a context.
 */
import type { TicketPriority, TicketStatus, TicketType } from '../../../db/schema.ts';

export const MAX_QUERY_LENGTH = 1000;

/** `position` is the 0-based character offset in the query, so the UI can point at the offending text. */
export class TicketQueryError extends Error {
  override readonly name = 'TicketQueryError';
  readonly position: number;

  constructor(problem: string, position: number, hint?: string) {
    super(`${problem} at position ${position}${hint ? `; ${hint}` : ''}`);
    this.position = position;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// AST
// ---------------------------------------------------------------------------------------------------------------

export type RangeOperator = '<' | '<=' | '>' | '>=';
export type Operator = ':' | RangeOperator;

/**
 * Ordered fields take either a list of values (`:`, any of them) or one bound (`<`, `<=`, `>`, `>=`).
 * `ListValue` narrows what a list may hold (dates: only whole days, see parseDateMatch).
 */
export type Match<V, ListValue extends V = V> = { op: ':'; values: ListValue[] } | { op: RangeOperator; value: V };

export type AgentRef = { kind: 'me' } | { kind: 'none' } | { kind: 'id'; id: number } | { kind: 'email'; email: string };
export type RequesterRef = { kind: 'id'; id: number } | { kind: 'email'; email: string } | { kind: 'name'; fragment: string };
/** `none` = the ticket has no organization / group / category. Names are matched case-insensitively. */
export type NamedRef = { kind: 'none' } | { kind: 'id'; id: number } | { kind: 'name'; name: string };
/** A category given by id, or by a path (`billing/refunds`) or slug (`refunds`); it also matches descendants. */
export type CategoryRef = { kind: 'none' } | { kind: 'id'; id: number } | { kind: 'pathOrSlug'; value: string };
export type TagRef = { kind: 'none' } | { kind: 'tag'; tag: string };
/** An absolute UTC day (`2026-01-31`) or an age relative to "now" (`7d` = 7 days ago). */
export type DateValue = DayValue | AgeValue;
export type DayValue = { kind: 'day'; date: string };
export type AgeValue = { kind: 'ago'; amount: number; unit: AgeUnit };
export type AgeUnit = 'm' | 'h' | 'd' | 'w';
export type DateField = 'created' | 'updated' | 'solved';

interface TermBase {
  negated: boolean;
  /** Where the term starts in the query (including a leading `-`). */
  position: number;
}

/** Full-text search: a bare word (`phrase: false`) or a quoted phrase (`phrase: true`). */
export interface TextTerm extends TermBase {
  kind: 'text';
  text: string;
  phrase: boolean;
}

export type FieldTerm = TermBase &
  (
    | { kind: 'status'; match: Match<TicketStatus> }
    | { kind: 'priority'; match: Match<TicketPriority> }
    | { kind: 'tier'; match: Match<number> }
    | { kind: 'id'; match: Match<number> }
    | { kind: DateField; match: Match<DateValue, DayValue> }
    | { kind: 'type'; values: TicketType[] }
    | { kind: 'channel'; values: string[] }
    | { kind: 'assignee'; values: AgentRef[] }
    | { kind: 'requester'; values: RequesterRef[] }
    | { kind: 'organization'; values: NamedRef[] }
    | { kind: 'group'; values: NamedRef[] }
    | { kind: 'category'; values: CategoryRef[] }
    | { kind: 'tag'; values: TagRef[] }
    | { kind: 'sla'; match: SlaMatch }
  );

/**
 * SLA clocks: `sla:breached`, `sla:at_risk` (a warning threshold passed, not yet due), `sla:running`,
 * `sla:paused`, `sla:none` (no live clock); or the next deadline, `sla<2h` (due within two hours,
 * overdue included) and `sla>1d`.
 */
export type SlaState = 'breached' | 'at_risk' | 'running' | 'paused' | 'none';
export type SlaMatch = { op: ':'; values: SlaState[] } | { op: RangeOperator; value: AgeValue };

export type Term = TextTerm | FieldTerm;

export type SortField = 'created' | 'updated' | 'priority' | 'status' | 'id' | 'sla';
export type SortDirection = 'asc' | 'desc';

export interface TicketQuery {
  terms: Term[];
  sort: { field: SortField; direction: SortDirection };
}

/** The ordering behind `status<solved`: the lifecycle order. */
export const STATUS_ORDER: readonly TicketStatus[] = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];
/** The ordering behind `priority<p3`: by the number, so `priority<=p2` means p1 or p2. */
export const PRIORITY_ORDER: readonly TicketPriority[] = ['p1', 'p2', 'p3', 'p4'];
const TICKET_TYPES: readonly TicketType[] = ['question', 'incident', 'problem', 'task'];
const SORT_FIELDS: readonly SortField[] = ['created', 'updated', 'priority', 'status', 'id', 'sla'];
const SLA_STATES: readonly SlaState[] = ['breached', 'at_risk', 'running', 'paused', 'none'];

export const DEFAULT_SORT: TicketQuery['sort'] = { field: 'updated', direction: 'desc' };
/**
 * When `order_by:` is given without `sort:`: newest first for dates and ids, and the front of the
 * ordering (p1, new) first for priority and status — what an agent scanning a queue expects.
 */
const DEFAULT_DIRECTION: Record<SortField, SortDirection> = {
  created: 'desc',
  updated: 'desc',
  id: 'desc',
  priority: 'asc',
  status: 'asc',
  // The most urgent deadline first.
  sla: 'asc',
};

// ---------------------------------------------------------------------------------------------------------------
// Tokenizer
// ---------------------------------------------------------------------------------------------------------------

export type Token = { position: number; end: number } & (
  | { kind: 'space' }
  | { kind: 'minus' }
  | { kind: 'comma' }
  | { kind: 'operator'; operator: Operator }
  | { kind: 'quoted'; text: string }
  | { kind: 'word'; text: string }
);

const isSpace = (char: string): boolean => /\s/.test(char);
/** Characters that end a word: they have a meaning of their own outside quotes. */
const isWordBreak = (char: string): boolean => isSpace(char) || '":<>,'.includes(char);

export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  while (position < input.length) {
    const token = readToken(input, position, tokens.at(-1));
    tokens.push(token);
    position = token.end;
  }
  return tokens;
}

function readToken(input: string, position: number, previous: Token | undefined): Token {
  const char = input.charAt(position);
  if (isSpace(char)) {
    let end = position + 1;
    while (end < input.length && isSpace(input.charAt(end))) end++;
    return { kind: 'space', position, end };
  }
  // A hyphen negates only at the start of a term; inside a word (`e-mail`, `2026-01-01`) it is text.
  const atTermStart = previous === undefined || previous.kind === 'space' || previous.kind === 'minus';
  if (char === '-' && atTermStart) return { kind: 'minus', position, end: position + 1 };
  if (char === ',') return { kind: 'comma', position, end: position + 1 };
  if (char === ':') return { kind: 'operator', operator: ':', position, end: position + 1 };
  if (char === '<' || char === '>') {
    const inclusive = input.charAt(position + 1) === '=';
    const operator: RangeOperator = char === '<' ? (inclusive ? '<=' : '<') : inclusive ? '>=' : '>';
    return { kind: 'operator', operator, position, end: position + (inclusive ? 2 : 1) };
  }
  if (char === '"') return readQuoted(input, position);
  let end = position + 1;
  while (end < input.length && !isWordBreak(input.charAt(end))) end++;
  return { kind: 'word', text: input.slice(position, end), position, end };
}

/** No escapes inside quotes (as in Zendesk): a quote always ends at the next `"`. */
function readQuoted(input: string, position: number): Token {
  const close = input.indexOf('"', position + 1);
  if (close === -1) throw new TicketQueryError('Unterminated quote starting', position, 'add the closing "');
  return { kind: 'quoted', text: input.slice(position + 1, close), position, end: close + 1 };
}

// ---------------------------------------------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------------------------------------------

type FieldName = FieldTerm['kind'] | 'order_by' | 'sort';

const FIELD_NAMES = new Map<string, FieldName>([
  ['status', 'status'],
  ['priority', 'priority'],
  ['type', 'type'],
  ['channel', 'channel'],
  ['assignee', 'assignee'],
  ['requester', 'requester'],
  ['organization', 'organization'],
  ['org', 'organization'],
  ['group', 'group'],
  ['tag', 'tag'],
  ['category', 'category'],
  ['tier', 'tier'],
  ['id', 'id'],
  ['created', 'created'],
  ['updated', 'updated'],
  ['solved', 'solved'],
  ['sla', 'sla'],
  ['order_by', 'order_by'],
  ['sort', 'sort'],
]);
const KNOWN_FIELDS_HINT = `known fields: ${[...FIELD_NAMES.keys()].join(', ')}`;
const ORDERED_FIELDS: ReadonlySet<FieldName> = new Set(['status', 'priority', 'tier', 'id', 'created', 'updated', 'solved', 'sla']);

type SortDirective =
  | { kind: 'order_by'; field: SortField; position: number }
  | { kind: 'sort'; direction: SortDirection; position: number };

export function parseTicketQuery(input: string): TicketQuery {
  if (input.length > MAX_QUERY_LENGTH) {
    throw new TicketQueryError(`Query is too long (${input.length} characters, at most ${MAX_QUERY_LENGTH} allowed)`, MAX_QUERY_LENGTH);
  }
  const terms: Term[] = [];
  let orderBy: Extract<SortDirective, { kind: 'order_by' }> | undefined;
  let sort: Extract<SortDirective, { kind: 'sort' }> | undefined;
  for (const termTokens of splitIntoTerms(tokenize(input))) {
    const parsed = parseTerm(new TokenCursor(termTokens, input));
    if (parsed.kind === 'order_by') {
      if (orderBy) throw new TicketQueryError('"order_by" given twice', parsed.position, 'keep only one');
      orderBy = parsed;
    } else if (parsed.kind === 'sort') {
      if (sort) throw new TicketQueryError('"sort" given twice', parsed.position, 'keep only one');
      sort = parsed;
    } else {
      terms.push(parsed);
    }
  }
  const field = orderBy?.field ?? DEFAULT_SORT.field;
  const direction = sort?.direction ?? (orderBy ? DEFAULT_DIRECTION[field] : DEFAULT_SORT.direction);
  return { terms, sort: { field, direction } };
}

function splitIntoTerms(tokens: readonly Token[]): Token[][] {
  const terms: Token[][] = [];
  let current: Token[] = [];
  for (const token of tokens) {
    if (token.kind !== 'space') {
      current.push(token);
    } else if (current.length > 0) {
      terms.push(current);
      current = [];
    }
  }
  if (current.length > 0) terms.push(current);
  return terms;
}

/** Walks the (non-empty) tokens of one term. */
class TokenCursor {
  private index = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly input: string,
  ) {}

  peek(): Token | undefined {
    return this.tokens[this.index];
  }

  next(): Token | undefined {
    const token = this.tokens[this.index];
    if (token) this.index++;
    return token;
  }

  /** Where the next token starts, or where the term ends. */
  position(): number {
    return this.peek()?.position ?? this.tokens.at(-1)?.end ?? 0;
  }

  rest(): readonly Token[] {
    return this.tokens.slice(this.index);
  }

  /** The raw query text from `position` up to the next token. */
  textSince(position: number): string {
    return this.input.slice(position, this.position());
  }

  expectEnd(): void {
    const token = this.peek();
    if (token) throw new TicketQueryError(`Unexpected ${describe(token)}`, token.position, 'separate terms with spaces');
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'operator':
      return `"${token.operator}"`;
    case 'quoted':
      return 'quote';
    case 'word':
      return `"${token.text}"`;
    case 'comma':
      return '","';
    case 'minus':
      return '"-"';
    case 'space':
      return 'space';
  }
}

// term := '-'? ( quoted | fieldName operator valueList | bareWord )
function parseTerm(cursor: TokenCursor): Term | SortDirective {
  const position = cursor.position();
  const negated = cursor.peek()?.kind === 'minus';
  if (negated) {
    cursor.next();
    const next = cursor.peek();
    if (!next) throw new TicketQueryError('Nothing to negate after "-"', position, 'write e.g. -tag:vip');
    if (next.kind === 'minus') throw new TicketQueryError('Unexpected "-"', next.position, 'negate a term only once');
  }
  const first = cursor.peek();
  if (first?.kind === 'quoted') {
    cursor.next();
    if (first.text.trim() === '') throw new TicketQueryError('Empty phrase', first.position);
    cursor.expectEnd();
    return { kind: 'text', text: first.text, phrase: true, negated, position };
  }
  if (cursor.rest().some((token) => token.kind === 'operator')) return parseFieldTerm(cursor, negated, position);
  return parseBareWord(cursor, negated, position);
}

/** A bare word may contain commas and hyphens (`foo,bar`, `e-mail`); full-text search ignores the punctuation. */
function parseBareWord(cursor: TokenCursor, negated: boolean, position: number): TextTerm {
  const start = cursor.position();
  while (cursor.peek() && cursor.peek()?.kind !== 'quoted') cursor.next();
  const text = cursor.textSince(start);
  const stray = cursor.peek();
  if (stray) {
    throw new TicketQueryError('Unexpected quote', stray.position, 'put a space before a quoted phrase');
  }
  return { kind: 'text', text, phrase: false, negated, position };
}

function parseFieldTerm(cursor: TokenCursor, negated: boolean, position: number): FieldTerm | SortDirective {
  const field = parseFieldName(cursor);
  const operatorToken = cursor.next();
  if (operatorToken?.kind !== 'operator') throw new TicketQueryError('Expected an operator', cursor.position());
  const operator = operatorToken.operator;
  if (operator !== ':' && !ORDERED_FIELDS.has(field.name)) {
    throw new TicketQueryError(
      `Operator "${operator}" is not supported for field "${field.name}"`,
      operatorToken.position,
      `use ${field.name}:value`,
    );
  }
  const values = parseValueList(cursor, field);
  cursor.expectEnd();
  if (operator !== ':' && values.length > 1) {
    const second = values[1];
    throw new TicketQueryError(
      `Operator "${operator}" takes a single value for field "${field.name}"`,
      second?.position ?? operatorToken.position,
      'use ":" to match any of several values',
    );
  }
  return buildFieldTerm({ field: field.name, fieldPosition: field.position, operator, values, negated, position });
}

function parseFieldName(cursor: TokenCursor): { name: FieldName; position: number } {
  const position = cursor.position();
  while (cursor.peek() && cursor.peek()?.kind !== 'operator') cursor.next();
  const raw = cursor.textSince(position);
  if (raw === '') {
    const operator = cursor.peek();
    throw new TicketQueryError(
      `Missing field name before ${operator ? describe(operator) : 'operator'}`,
      position,
      'quote text that contains ":", "<" or ">"',
    );
  }
  const name = FIELD_NAMES.get(raw.toLowerCase());
  if (!name) {
    const suggestion = closestFieldName(raw.toLowerCase());
    const didYouMean = suggestion ? `did you mean "${suggestion}"? ` : '';
    throw new TicketQueryError(
      `Unknown field "${raw}"`,
      position,
      `${didYouMean}${KNOWN_FIELDS_HINT}; to search for text containing ":", "<" or ">", put it in quotes`,
    );
  }
  return { name, position };
}

interface RawValue {
  text: string;
  position: number;
}
type RawValues = [RawValue, ...RawValue[]];

// valueList := value (',' value)*    value := word | quoted
function parseValueList(cursor: TokenCursor, field: { name: FieldName; position: number }): RawValues {
  const values: RawValue[] = [];
  for (;;) {
    const token = cursor.peek();
    if (token?.kind === 'word' || token?.kind === 'quoted') {
      cursor.next();
      if (token.text.trim() === '') throw new TicketQueryError(`Empty value for "${field.name}"`, token.position);
      values.push({ text: token.text.trim(), position: token.position });
    } else if (token?.kind === 'operator') {
      throw new TicketQueryError(`Unexpected ${describe(token)}`, token.position, `expected a value for "${field.name}"`);
    } else if (values.length === 0 && token === undefined) {
      throw new TicketQueryError(`Empty value for "${field.name}"`, field.position);
    } else {
      throw new TicketQueryError(`Empty value in the list for "${field.name}"`, cursor.position());
    }
    const [first, ...rest] = values;
    if (first && cursor.peek()?.kind !== 'comma') return [first, ...rest];
    cursor.next();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Field values
// ---------------------------------------------------------------------------------------------------------------

interface FieldTermParts {
  field: FieldName;
  fieldPosition: number;
  operator: Operator;
  values: RawValues;
  negated: boolean;
  position: number;
}

function buildFieldTerm(parts: FieldTermParts): FieldTerm | SortDirective {
  const { field, values, operator, negated, position } = parts;
  const base = { negated, position };
  const each = <V>(parse: (value: RawValue) => V): V[] => values.map(parse);
  const match = <V>(parse: (value: RawValue) => V): Match<V> =>
    operator === ':' ? { op: operator, values: each(parse) } : { op: operator, value: parse(values[0]) };
  switch (field) {
    case 'status':
      return { ...base, kind: field, match: match((v) => parseStatus(v)) };
    case 'priority':
      return { ...base, kind: field, match: match((v) => parsePriority(v)) };
    case 'tier':
      return { ...base, kind: field, match: match((v) => parseTier(v)) };
    case 'id':
      return { ...base, kind: field, match: match((v) => parseId(v, 'id')) };
    case 'created':
    case 'updated':
    case 'solved':
      return { ...base, kind: field, match: parseDateMatch(field, operator, values) };
    case 'type':
      return { ...base, kind: field, values: each((v) => parseEnum(v, 'type', TICKET_TYPES)) };
    case 'channel':
      // Channels are lower-case identifiers (email, web, chat, …), so typing `Email` should still match.
      return { ...base, kind: field, values: each((v) => v.text.toLowerCase()) };
    case 'assignee':
      return { ...base, kind: field, values: each(parseAgent) };
    case 'requester':
      return { ...base, kind: field, values: each(parseRequester) };
    case 'organization':
    case 'group':
      return { ...base, kind: field, values: each((v) => parseNamed(v, field)) };
    case 'category':
      return { ...base, kind: field, values: each(parseCategory) };
    case 'tag':
      return { ...base, kind: field, values: each(parseTag) };
    case 'sla':
      return {
        ...base,
        kind: field,
        match:
          operator === ':'
            ? { op: operator, values: each((v) => parseEnum(v, 'sla', SLA_STATES)) }
            : { op: operator, value: parseDuration(values[0]) },
      };
    case 'order_by':
    case 'sort':
      return buildSortDirective(parts);
  }
}

function buildSortDirective({ field, values, negated, position }: FieldTermParts): SortDirective {
  const [value, extra] = values;
  if (negated) throw new TicketQueryError(`"${field}" cannot be negated`, position);
  if (extra) throw new TicketQueryError(`"${field}" takes a single value`, extra.position);
  if (field === 'order_by') return { kind: 'order_by', field: parseEnum(value, 'order_by', SORT_FIELDS), position };
  return { kind: 'sort', direction: parseEnum(value, 'sort', ['asc', 'desc'] as const), position };
}

function invalidValue(value: RawValue, field: string, expected: string): TicketQueryError {
  return new TicketQueryError(`Invalid value "${value.text}" for ${field}`, value.position, `expected ${expected}`);
}

function parseEnum<T extends string>(value: RawValue, field: string, allowed: readonly T[]): T {
  const found = allowed.find((candidate) => candidate === value.text.toLowerCase());
  if (found === undefined) throw invalidValue(value, field, allowed.join(', '));
  return found;
}

// Maps, not object literals: a value like "constructor" must not find something on Object.prototype.
const STATUS_ALIASES = new Map<string, TicketStatus>([['hold', 'on_hold']]);
const PRIORITY_ALIASES = new Map<string, TicketPriority>([
  ['urgent', 'p1'],
  ['high', 'p2'],
  ['normal', 'p3'],
  ['low', 'p4'],
]);

function parseStatus(value: RawValue): TicketStatus {
  const alias = STATUS_ALIASES.get(value.text.toLowerCase());
  if (alias) return alias;
  const found = STATUS_ORDER.find((status) => status === value.text.toLowerCase());
  if (!found) throw invalidValue(value, 'status', `${STATUS_ORDER.join(', ')} (or hold)`);
  return found;
}

function parsePriority(value: RawValue): TicketPriority {
  const text = value.text.toLowerCase();
  const alias = PRIORITY_ALIASES.get(text);
  if (alias) return alias;
  const found = PRIORITY_ORDER.find((priority) => priority === text);
  if (!found) throw invalidValue(value, 'priority', `${PRIORITY_ORDER.join(', ')} (or urgent, high, normal, low)`);
  return found;
}

function parseTier(value: RawValue): number {
  if (!/^[123]$/.test(value.text)) throw invalidValue(value, 'tier', '1, 2 or 3');
  return Number(value.text);
}

/** Ids are bigints in the database; we only accept what a JS number holds exactly. */
function parseId(value: RawValue, field: string): number {
  const id = /^\d{1,16}$/.test(value.text) ? Number(value.text) : Number.NaN;
  if (!Number.isSafeInteger(id)) throw invalidValue(value, field, 'a numeric id');
  return id;
}

const isNumeric = (text: string): boolean => /^\d+$/.test(text);
const EMAIL = /^[^\s@]+@[^\s@]+$/;

function parseEmail(value: RawValue, field: string): string {
  if (!EMAIL.test(value.text)) throw invalidValue(value, field, 'an email address like alice@example.com');
  return value.text.toLowerCase();
}

function parseAgent(value: RawValue): AgentRef {
  const text = value.text.toLowerCase();
  if (text === 'me') return { kind: 'me' };
  if (text === 'none') return { kind: 'none' };
  if (isNumeric(text)) return { kind: 'id', id: parseId(value, 'assignee') };
  if (text.includes('@')) return { kind: 'email', email: parseEmail(value, 'assignee') };
  throw invalidValue(value, 'assignee', 'me, none, a user id or an email address');
}

function parseRequester(value: RawValue): RequesterRef {
  if (isNumeric(value.text)) return { kind: 'id', id: parseId(value, 'requester') };
  if (value.text.includes('@')) return { kind: 'email', email: parseEmail(value, 'requester') };
  return { kind: 'name', fragment: value.text };
}

function parseNamed(value: RawValue, field: 'organization' | 'group'): NamedRef {
  if (value.text.toLowerCase() === 'none') return { kind: 'none' };
  if (isNumeric(value.text)) return { kind: 'id', id: parseId(value, field) };
  return { kind: 'name', name: value.text };
}

function parseCategory(value: RawValue): CategoryRef {
  if (value.text.toLowerCase() === 'none') return { kind: 'none' };
  if (isNumeric(value.text)) return { kind: 'id', id: parseId(value, 'category') };
  return { kind: 'pathOrSlug', value: value.text.toLowerCase() };
}

/** Tags are matched exactly as typed (tags are stored as-is; lower-case by convention). */
function parseTag(value: RawValue): TagRef {
  if (value.text.toLowerCase() === 'none') return { kind: 'none' };
  return { kind: 'tag', tag: value.text };
}

const DATE_HINT = 'expected a date like 2026-01-31 or an age like 30m, 12h, 7d, 2w';
const AGE_UNIT_MS: Record<AgeUnit, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const AGE_UNITS: readonly AgeUnit[] = ['m', 'h', 'd', 'w'];
/** Keeps "now − age" a timestamp both JavaScript and Postgres handle; nobody searches further back. */
const MAX_AGE_MS = 100 * 365 * AGE_UNIT_MS.d;
const MIN_YEAR = 1900;
const MAX_YEAR = 2999;

export function ageInMs(value: AgeValue): number {
  return value.amount * AGE_UNIT_MS[value.unit];
}

function parseDateMatch(field: DateField, operator: Operator, values: RawValues): Match<DateValue, DayValue> {
  if (operator !== ':') return { op: operator, value: parseDate(values[0]) };
  return {
    op: operator,
    values: values.map((value) => {
      const date = parseDate(value);
      // `updated:7d` could mean "within 7 days" or "on the day 7 days ago"; make the agent say which.
      if (date.kind === 'ago') {
        const text = value.text.toLowerCase();
        throw new TicketQueryError(
          `Relative date "${value.text}" needs "<" or ">" for ${field}`,
          value.position,
          `use ${field}<${text} for less than ${text} ago, or ${field}>${text} for more than ${text} ago`,
        );
      }
      return date;
    }),
  };
}

/** A time ahead for `sla<2h`: minutes, hours, days or weeks. */
function parseDuration(value: RawValue): AgeValue {
  const match = /^(\d{1,6})([mhdw])$/.exec(value.text.toLowerCase());
  const unit = AGE_UNITS.find((candidate) => candidate === match?.[2]);
  if (!match || !unit)
    throw invalidValue(value, 'sla', 'a time ahead such as 30m, 2h, 1d or 1w (or breached, at_risk, running, paused, none)');
  return { kind: 'ago', amount: Number(match[1]), unit };
}

function parseDate(value: RawValue): DateValue {
  const text = value.text.toLowerCase();
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (day) return { kind: 'day', date: validDay(value, Number(day[1]), Number(day[2]), Number(day[3])) };
  const age = /^(\d{1,12})([mhdw])$/.exec(text);
  const unit = AGE_UNITS.find((candidate) => candidate === age?.[2]);
  if (!age || !unit) throw new TicketQueryError(`Invalid date "${value.text}"`, value.position, DATE_HINT);
  const ago: AgeValue = { kind: 'ago', amount: Number(age[1]), unit };
  if (ageInMs(ago) > MAX_AGE_MS) {
    throw new TicketQueryError(`Relative date "${value.text}" is too far back`, value.position, 'at most 100 years');
  }
  return ago;
}

function validDay(value: RawValue, year: number, month: number, dayOfMonth: number): string {
  const date = new Date(Date.UTC(year, month - 1, dayOfMonth));
  const isRealDay = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === dayOfMonth;
  if (!isRealDay || year < MIN_YEAR || year > MAX_YEAR) {
    throw new TicketQueryError(
      `Invalid date "${value.text}"`,
      value.position,
      `expected a real day between ${MIN_YEAR} and ${MAX_YEAR}, like 2026-01-31`,
    );
  }
  return value.text;
}

// ---------------------------------------------------------------------------------------------------------------
// Suggestions
// ---------------------------------------------------------------------------------------------------------------

/** Typos like "stauts" are the common case, so suggest a known field within two edits. */
function closestFieldName(raw: string): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of FIELD_NAMES.keys()) {
    const distance = editDistance(raw, name);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** Levenshtein distance, with the inputs capped so a pasted paragraph costs nothing. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return Number.POSITIVE_INFINITY;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? Number.POSITIVE_INFINITY;
}
