import { z } from 'zod';

/** What a segment rule can look at: a customer's own fields, their organisation's, their account standing and recent history. */
export const segmentFields = {
  name: 'text',
  language: 'text',
  time_zone: 'text',
  value_tier: 'text',
  lifetime_value_cents: 'number',
  organization_name: 'text',
  organization_value_tier: 'text',
  open_balance_cents: 'number',
  risk_score: 'number',
  contacts_last_30_days: 'number',
  csat: 'number',
} as const;
export type SegmentField = keyof typeof segmentFields;

export const segmentOperators = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains', 'in'] as const;
export type SegmentOperator = (typeof segmentOperators)[number];

const fieldNames = Object.keys(segmentFields) as [SegmentField, ...SegmentField[]];

export const segmentConditionSchema = z
  .object({
    field: z.enum(fieldNames),
    op: z.enum(segmentOperators),
    value: z.union([z.string().max(200), z.number(), z.array(z.union([z.string().max(200), z.number()])).max(100)]),
  })
  .strict()
  .superRefine((condition, check) => {
    const kind = segmentFields[condition.field];
    const isList = Array.isArray(condition.value);
    if (condition.op === 'in' && !isList) check.addIssue({ code: 'custom', path: ['value'], message: 'The "in" operator takes a list.' });
    if (condition.op !== 'in' && isList)
      check.addIssue({ code: 'custom', path: ['value'], message: `The "${condition.op}" operator takes one value.` });
    if (['gt', 'gte', 'lt', 'lte'].includes(condition.op) && (kind !== 'number' || typeof condition.value !== 'number')) {
      check.addIssue({
        code: 'custom',
        path: ['value'],
        message: `${condition.field} cannot be compared with "${condition.op}": it needs a number field and value.`,
      });
    }
    if (condition.op === 'contains' && kind !== 'text') {
      check.addIssue({ code: 'custom', path: ['op'], message: `${condition.field} is a number: "contains" applies to text fields.` });
    }
  });

export const segmentRulesSchema = z
  .object({
    match: z.enum(['all', 'any']).default('all'),
    conditions: z.array(segmentConditionSchema).max(50),
  })
  .strict();
export type SegmentRules = z.infer<typeof segmentRulesSchema>;
export type SegmentCondition = z.infer<typeof segmentConditionSchema>;

/** One customer as the rules see them (null: not known, e.g. no survey answered yet). */
export type CustomerProfile = { customer_id: number } & {
  [K in SegmentField]: (typeof segmentFields)[K] extends 'number' ? number | null : string | null;
};

function norm(value: string | number): string | number {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

/** Whether one condition holds; an unknown (null) field never matches, except for "neq". */
export function conditionHolds(profile: CustomerProfile, condition: SegmentCondition): boolean {
  const actual = profile[condition.field];
  if (actual === null || actual === undefined) return condition.op === 'neq';
  const a = norm(actual);
  const v = condition.value;
  switch (condition.op) {
    case 'eq':
      return !Array.isArray(v) && a === norm(v);
    case 'neq':
      return !Array.isArray(v) && a !== norm(v);
    case 'gt':
      return typeof a === 'number' && typeof v === 'number' && a > v;
    case 'gte':
      return typeof a === 'number' && typeof v === 'number' && a >= v;
    case 'lt':
      return typeof a === 'number' && typeof v === 'number' && a < v;
    case 'lte':
      return typeof a === 'number' && typeof v === 'number' && a <= v;
    case 'contains':
      return typeof a === 'string' && !Array.isArray(v) && a.includes(String(norm(v)));
    case 'in':
      return Array.isArray(v) && v.map(norm).includes(a);
  }
}

/** Whether a customer belongs to the segment: every condition ("all") or at least one ("any"); no conditions match everyone. */
export function matchesSegment(profile: CustomerProfile, rules: SegmentRules): boolean {
  if (!rules.conditions.length) return true;
  return rules.match === 'all'
    ? rules.conditions.every((condition) => conditionHolds(profile, condition))
    : rules.conditions.some((condition) => conditionHolds(profile, condition));
}
