/**
 * SLA policies, pure: their shape (zod, shared by the API and storage), and which policy and which
 * target apply to a ticket. Policies are ordered; the first active one whose conditions all match
 * wins. Within a policy, a target for the ticket's priority wins over one for every priority.
 */
import { z } from 'zod';
import type { TicketPriority } from '../../db/schema.ts';
import { id } from '../../platform/schemas.ts';
import type { BusinessCalendar } from './business-hours.ts';

export const slaTargets = ['first_response', 'next_reply', 'periodic_update', 'resolution'] as const;
export type SlaTarget = (typeof slaTargets)[number];
export const priorities = ['p1', 'p2', 'p3', 'p4'] as const satisfies readonly TicketPriority[];
export const pausableStatuses = ['pending', 'on_hold'] as const;

const priority = z.enum(priorities);
const label = z.string().trim().min(1).max(60);

export const conditionsSchema = z
  .strictObject({
    priorities: z.array(priority).min(1).max(4).optional(),
    channels: z.array(label).min(1).max(20).optional(),
    value_tiers: z.array(label).min(1).max(20).optional().describe("the requester's or the organization's value tier"),
    organization_ids: z.array(id).min(1).max(1000).optional(),
    category_ids: z.array(id).min(1).max(1000).optional().describe('the category or any of its ancestors'),
  })
  .describe('every condition given must hold (AND); within one, any value may (OR); no conditions match every ticket');
export type SlaConditions = z.infer<typeof conditionsSchema>;

export const targetSchema = z.strictObject({
  target: z.enum(slaTargets),
  priority: priority.nullable().default(null).describe('null: every priority without a target of its own'),
  minutes: z
    .number()
    .int()
    .min(1)
    .max(366 * 24 * 60),
  business_hours: z.boolean().describe("counted in the policy's calendar hours (true) or around the clock (false)"),
});
export type SlaTargetSpec = z.infer<typeof targetSchema>;

export const targetsSchema = z
  .array(targetSchema)
  .min(1)
  .max(40)
  .superRefine((targets, issue) => {
    const seen = new Set<string>();
    targets.forEach((t, index) => {
      const key = `${t.target}/${t.priority ?? '*'}`;
      if (seen.has(key))
        issue.addIssue({ code: 'custom', path: [index], message: `two ${t.target} targets for ${t.priority ?? 'every priority'}` });
      seen.add(key);
    });
  });

export const warningThresholdsSchema = z
  .array(z.number().int().min(1).max(99))
  .max(5)
  .transform((list) => [...new Set(list)].sort((a, b) => a - b))
  .describe('warn when this percentage of a target has elapsed');

export const onReopenSchema = z
  .enum(['resume', 'restart'])
  .describe('resolution after a reopen: resume the same clock, or start a new one');

/** A policy as stored and as the API shows it. */
export interface SlaPolicy {
  id: number;
  name: string;
  description: string;
  position: number;
  active: boolean;
  calendar_id: number;
  conditions: SlaConditions;
  targets: SlaTargetSpec[];
  pause_statuses: (typeof pausableStatuses)[number][];
  on_reopen: 'resume' | 'restart';
  warning_thresholds: number[];
}

/** What the conditions look at. `category_path` is the category and its ancestors' ids. */
export interface MatchAttributes {
  priority: string;
  channel: string;
  organization_id: number | null;
  value_tiers: readonly string[];
  category_path: readonly number[];
}

export function matches(conditions: SlaConditions, ticket: MatchAttributes): boolean {
  if (conditions.priorities && !conditions.priorities.includes(ticket.priority as TicketPriority)) return false;
  if (conditions.channels && !conditions.channels.includes(ticket.channel)) return false;
  if (conditions.value_tiers && !ticket.value_tiers.some((tier) => conditions.value_tiers?.includes(tier))) return false;
  if (conditions.organization_ids && (ticket.organization_id === null || !conditions.organization_ids.includes(ticket.organization_id)))
    return false;
  if (conditions.category_ids && !ticket.category_path.some((c) => conditions.category_ids?.includes(c))) return false;
  return true;
}

/** The first active policy, in order, whose conditions match. */
export function selectPolicy<P extends Pick<SlaPolicy, 'active' | 'conditions'>>(ordered: readonly P[], ticket: MatchAttributes): P | null {
  for (const policy of ordered) if (policy.active && matches(policy.conditions, ticket)) return policy;
  return null;
}

/** The target of a kind for a priority: the priority's own, else the one for every priority. */
export function targetFor(policy: Pick<SlaPolicy, 'targets'>, target: SlaTarget, ticketPriority: string): SlaTargetSpec | null {
  let fallback: SlaTargetSpec | null = null;
  for (const t of policy.targets) {
    if (t.target !== target) continue;
    if (t.priority === ticketPriority) return t;
    if (t.priority === null) fallback = t;
  }
  return fallback;
}

/** Policies ready for the clock: calendars compiled, pause statuses as a set. */
export interface ResolvedPolicy {
  policy: SlaPolicy;
  calendar: BusinessCalendar;
  pauseStatuses: ReadonlySet<string>;
}
