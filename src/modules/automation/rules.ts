/**
 * The rule language shared by triggers, time-based automations and macros: conditions on a ticket
 * (and on the change being made to it), and actions. Pure: schemas, compilation to predicates, and
 * the application of field actions to an in-memory ticket.
 */
import { z } from 'zod';
import { id } from '../../platform/schemas.ts';

const statuses = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
const priorities = ['p1', 'p2', 'p3', 'p4'] as const;
const types = ['question', 'incident', 'problem', 'task'] as const;

/** Ticket fields a condition can test. */
export const conditionFields = [
  'status',
  'priority',
  'type',
  'channel',
  'assignee_id',
  'group_id',
  'tier',
  'category_id',
  'organization_id',
  'requester_id',
  'subject',
  'tags',
  // About the change itself (triggers only):
  'update_type',
  'comment',
  'actor',
  'sla',
] as const;
export type ConditionField = (typeof conditionFields)[number];
const changeFields = new Set<ConditionField>(['update_type', 'comment', 'actor', 'sla']);

export const operators = [
  'is',
  'is_not',
  'in',
  'not_in',
  'changed',
  'not_changed',
  'changed_to',
  'changed_from',
  'contains',
  'not_contains',
  'greater_than',
  'less_than',
] as const;
export type Operator = (typeof operators)[number];
const changeOperators = new Set<Operator>(['changed', 'not_changed', 'changed_to', 'changed_from']);

const scalar = z.union([z.string().max(200), z.number(), z.null()]);
export const conditionSchema = z.strictObject({
  field: z.enum(conditionFields),
  operator: z.enum(operators),
  value: z.union([scalar, z.array(z.union([z.string().max(200), z.number()])).max(100)]).optional(),
});
export type Condition = z.infer<typeof conditionSchema>;

export const conditionsSchema = z
  .strictObject({
    all: z.array(conditionSchema).max(50).default([]).describe('every one must hold'),
    any: z.array(conditionSchema).max(50).default([]).describe('at least one must hold (when any are given)'),
  })
  .describe('conditions on the ticket and on the change');
export type Conditions = z.infer<typeof conditionsSchema>;

const tag = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[\p{L}\p{N}_\-:./]+$/u, 'letters, digits, _ - : . / only (no spaces)')
  .max(60);
const template = z.string().trim().min(1).max(10_000);

export const settableFields = ['status', 'priority', 'type', 'group_id', 'assignee_id', 'tier', 'category_id'] as const;
export type SettableField = (typeof settableFields)[number];

export const actionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('set'), field: z.enum(settableFields), value: z.union([z.string().max(60), z.number(), z.null()]) }),
  z.strictObject({
    type: z.literal('assign'),
    assignee_id: z.union([id, z.null(), z.literal('current_user')]),
    group_id: id.nullable().optional(),
  }),
  z.strictObject({ type: z.literal('add_tags'), tags: z.array(tag).min(1).max(20) }),
  z.strictObject({ type: z.literal('remove_tags'), tags: z.array(tag).min(1).max(20) }),
  z.strictObject({
    type: z.literal('notify'),
    to: z.union([z.enum(['assignee', 'group']), z.strictObject({ user_ids: z.array(id).min(1).max(50) })]),
    subject: template.max(250),
    body: template,
  }),
  z.strictObject({
    type: z.literal('send_email'),
    to: z.union([z.literal('requester'), z.email().max(254)]),
    subject: template.max(250),
    body: template,
  }),
  z.strictObject({ type: z.literal('call_webhook'), subscription_id: id }),
  z.strictObject({
    type: z.literal('escalate'),
    tier: z.number().int().min(2).max(3).optional().describe('default: one tier up'),
    group_id: id.optional(),
    priority: z.enum(priorities).optional(),
  }),
]);
export type Action = z.infer<typeof actionSchema>;
export const actionsSchema = z.array(actionSchema).min(1).max(30);

/** Which problems a rule has, as `{ path, message }` (empty when it is valid). */
export function checkRule(
  conditions: Conditions,
  actions: readonly Action[],
  options: { changeConditions: boolean; sideEffects: boolean },
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  for (const group of ['all', 'any'] as const) {
    for (const [index, condition] of conditions[group].entries()) {
      const problem = conditionProblem(condition, options.changeConditions);
      if (problem) problems.push({ path: `conditions.${group}.${index}`, message: problem });
    }
  }
  actions.forEach((action, index) => {
    const path = `actions.${index}`;
    if (!options.sideEffects && ['notify', 'send_email', 'call_webhook', 'escalate'].includes(action.type))
      problems.push({ path, message: `${action.type} is not available here` });
    if (action.type === 'set') {
      const problem = setProblem(action.field, action.value);
      if (problem) problems.push({ path: `${path}.value`, message: problem });
    }
    if (action.type === 'assign' && action.assignee_id === 'current_user' && options.sideEffects)
      problems.push({ path: `${path}.assignee_id`, message: 'current_user is only meaningful in a macro' });
  });
  return problems;
}

function setProblem(field: SettableField, value: string | number | null): string | undefined {
  switch (field) {
    case 'status':
      return (statuses as readonly unknown[]).includes(value) ? undefined : `one of ${statuses.join(', ')}`;
    case 'priority':
      return (priorities as readonly unknown[]).includes(value) ? undefined : `one of ${priorities.join(', ')}`;
    case 'type':
      return (types as readonly unknown[]).includes(value) ? undefined : `one of ${types.join(', ')}`;
    case 'tier':
      return value === 1 || value === 2 || value === 3 ? undefined : '1, 2 or 3';
    default:
      return value === null || (typeof value === 'number' && Number.isInteger(value) && value > 0) ? undefined : 'an id or null';
  }
}

function conditionProblem(condition: Condition, changeConditions: boolean): string | undefined {
  const { field, operator, value } = condition;
  if (!changeConditions && (changeFields.has(field) || changeOperators.has(operator)))
    return 'conditions on the change itself are for triggers only';
  if (field === 'update_type')
    return operator === 'is' && ['created', 'updated', 'commented'].includes(value as string)
      ? undefined
      : 'is created, updated or commented';
  if (field === 'comment')
    return operator === 'is' && ['any', 'public', 'internal', 'from_customer', 'from_agent'].includes(value as string)
      ? undefined
      : 'is any, public, internal, from_customer or from_agent';
  if (field === 'actor')
    return operator === 'is' && ['customer', 'agent', 'system'].includes(value as string) ? undefined : 'is customer, agent or system';
  if (field === 'sla') return operator === 'is' && ['warning', 'breached'].includes(value as string) ? undefined : 'is warning or breached';
  if (operator === 'changed' || operator === 'not_changed') return value === undefined ? undefined : 'takes no value';
  if (operator === 'in' || operator === 'not_in') return Array.isArray(value) ? undefined : 'takes a list of values';
  if (value === undefined || Array.isArray(value)) return 'takes one value';
  if (operator === 'contains' || operator === 'not_contains')
    return field === 'subject' || field === 'tags' ? undefined : 'contains is for subject and tags';
  if (operator === 'greater_than' || operator === 'less_than')
    return field === 'tier' || field === 'priority' ? undefined : 'greater_than and less_than are for tier and priority';
  if (field === 'subject' || field === 'tags') return 'subject and tags take contains or not_contains';
  return undefined;
}

/** The ticket as conditions see it (a TicketRow fits). */
export interface RuleTicket {
  id: number;
  subject: string;
  status: string;
  priority: string;
  type: string;
  channel: string;
  assignee_id: number | null;
  group_id: number | null;
  tier: number;
  category_id: number | null;
  organization_id: number | null;
  requester_id: number;
  tags: string[];
}

/** What a trigger knows about the change: empty for time-based automations. */
export interface ChangeFacts {
  kind: 'created' | 'updated' | 'commented' | null;
  /** field → value before the change (fields that changed, including by earlier triggers). */
  before: Map<string, unknown>;
  comment: { public: boolean; author: 'customer' | 'agent' } | null;
  actor: 'customer' | 'agent' | 'system' | null;
  /** An SLA notice being evaluated (detected by the breach job), with no field change. */
  sla?: 'warning' | 'breached' | null;
}

export const noChange = (): ChangeFacts => ({ kind: null, before: new Map(), comment: null, actor: null });

export type Predicate = (ticket: RuleTicket, change: ChangeFacts) => boolean;

const rank = (field: string, value: unknown): number => (field === 'priority' ? 5 - Number(String(value).slice(1)) : Number(value));

function compileCondition(condition: Condition): Predicate {
  const { field, operator, value } = condition;
  if (field === 'update_type') return (_t, change) => change.kind === value;
  if (field === 'actor') return (_t, change) => change.actor === value;
  if (field === 'sla') return (_t, change) => change.sla === value;
  if (field === 'comment') {
    return (_t, change) => {
      const comment = change.comment;
      if (!comment) return false;
      if (value === 'public') return comment.public;
      if (value === 'internal') return !comment.public;
      if (value === 'from_customer') return comment.author === 'customer';
      if (value === 'from_agent') return comment.author === 'agent';
      return true;
    };
  }
  const get = (ticket: RuleTicket): unknown => ticket[field as keyof RuleTicket];
  // A new ticket's fields all "changed" to their first values.
  const changed = (change: ChangeFacts) => change.kind === 'created' || change.before.has(field);
  switch (operator) {
    case 'is':
      return (ticket) => get(ticket) === value;
    case 'is_not':
      return (ticket) => get(ticket) !== value;
    case 'in': {
      const set = new Set<unknown>(value as unknown[]);
      return (ticket) => set.has(get(ticket));
    }
    case 'not_in': {
      const set = new Set<unknown>(value as unknown[]);
      return (ticket) => !set.has(get(ticket));
    }
    case 'changed':
      return (ticket, change) => changed(change) && change.before.get(field) !== get(ticket);
    case 'not_changed':
      return (ticket, change) => !(changed(change) && change.before.get(field) !== get(ticket));
    case 'changed_to':
      return (ticket, change) => changed(change) && get(ticket) === value && change.before.get(field) !== value;
    case 'changed_from':
      return (_ticket, change) => change.before.has(field) && change.before.get(field) === value;
    case 'contains':
    case 'not_contains': {
      const needle = String(value).toLowerCase();
      const test =
        field === 'tags' ? (t: RuleTicket) => t.tags.includes(needle) : (t: RuleTicket) => t.subject.toLowerCase().includes(needle);
      return operator === 'contains' ? test : (t) => !test(t);
    }
    case 'greater_than': {
      const bound = rank(field, value);
      return (ticket) => rank(field, get(ticket)) > bound;
    }
    case 'less_than': {
      const bound = rank(field, value);
      return (ticket) => rank(field, get(ticket)) < bound;
    }
  }
}

/** Compiles conditions once into one predicate (rules are cached compiled, so matching is only function calls). */
export function compileConditions(conditions: Conditions): Predicate {
  const all = conditions.all.map(compileCondition);
  const any = conditions.any.map(compileCondition);
  return (ticket, change) => {
    for (const test of all) if (!test(ticket, change)) return false;
    if (any.length === 0) return true;
    for (const test of any) if (test(ticket, change)) return true;
    return false;
  };
}

/** Field changes as the ticket service takes them. */
export interface FieldChanges {
  status?: string;
  priority?: string;
  type?: string;
  group_id?: number | null;
  assignee_id?: number | null;
  tier?: number;
  category_id?: number | null;
  add_tags?: string[];
  remove_tags?: string[];
}

/**
 * Applies the field actions to the in-memory ticket (so later rules see them) and collects them as
 * changes; side-effect actions are returned for the caller to enqueue.
 */
export function applyFieldActions(
  ticket: RuleTicket,
  actions: readonly Action[],
  change: ChangeFacts,
  changes: FieldChanges,
  currentUserId: number | null = null,
): Action[] {
  const effects: Action[] = [];
  const set = (field: SettableField, value: unknown) => {
    const current = ticket[field as keyof RuleTicket];
    if (current === value) return;
    if (!change.before.has(field)) change.before.set(field, current);
    (ticket as unknown as Record<string, unknown>)[field] = value;
    (changes as Record<string, unknown>)[field] = value;
  };
  const tags = (add: string[], remove: string[]) => {
    const next = new Set(ticket.tags);
    for (const t of add) next.add(t);
    for (const t of remove) next.delete(t);
    if (next.size === ticket.tags.length && ticket.tags.every((t) => next.has(t))) return;
    if (!change.before.has('tags')) change.before.set('tags', ticket.tags);
    ticket.tags = [...next];
    changes.add_tags = [...new Set([...(changes.add_tags ?? []).filter((t) => !remove.includes(t)), ...add])];
    changes.remove_tags = [...new Set([...(changes.remove_tags ?? []).filter((t) => !add.includes(t)), ...remove])];
  };
  for (const action of actions) {
    switch (action.type) {
      case 'set':
        set(action.field, action.value);
        break;
      case 'assign':
        set('assignee_id', action.assignee_id === 'current_user' ? currentUserId : action.assignee_id);
        if (action.group_id !== undefined) set('group_id', action.group_id);
        break;
      case 'add_tags':
        tags(action.tags, []);
        break;
      case 'remove_tags':
        tags([], action.tags);
        break;
      case 'escalate':
        set('tier', action.tier ?? Math.min(3, ticket.tier + 1));
        if (action.group_id !== undefined) set('group_id', action.group_id);
        if (action.priority !== undefined) set('priority', action.priority);
        effects.push(action);
        break;
      default:
        effects.push(action);
    }
  }
  return effects;
}

/** Replaces `{{ name }}` with its value (unknown names become empty). */
export function renderTemplate(template: string, values: Record<string, string | number | null | undefined>): string {
  return template.replace(/\{\{\s*([a-z_.]+)\s*\}\}/g, (_match, name: string) => {
    const value = values[name];
    return value === null || value === undefined ? '' : String(value);
  });
}
