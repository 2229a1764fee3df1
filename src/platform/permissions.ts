import type { Role } from '../db/schema.ts';
import { AppError } from './errors.ts';

export const roles = [
  'customer',
  'associate',
  'engineer',
  'manager',
  'tam',
  'analyst',
  'head_of_support',
  'admin',
] as const satisfies readonly Role[];

export const agentRoles = roles.filter((role) => role !== 'customer');

/**
 * What each role may do. Checked on every route (`requirePermission`) and, for rows,
 * by each module's policy (a customer sees only their own tickets and public messages).
 */
export type Permission =
  | 'tickets.read_all'
  | 'tickets.read_own'
  | 'tickets.create'
  | 'tickets.update'
  | 'tickets.comment_public'
  | 'tickets.comment_internal'
  | 'tickets.merge'
  | 'customers.read'
  | 'customers.write'
  | 'customers.merge'
  | 'organizations.write'
  | 'users.read'
  | 'users.manage'
  | 'groups.manage'
  | 'taxonomy.manage'
  | 'custom_fields.manage'
  | 'tokens.own'
  | 'tokens.manage'
  | 'audit.read'
  | 'settings.manage'
  | 'routing.manage'
  | 'kb.read_internal'
  | 'kb.write'
  | 'wfm.read'
  | 'wfm.forecast'
  | 'wfm.schedule'
  | 'analytics.read'
  | 'analytics.manage'
  | 'feedback.read'
  | 'feedback.manage'
  | 'qa.read'
  | 'qa.review'
  | 'qa.manage'
  | 'outbound.manage'
  | 'returns.manage'
  | 'vendors.read'
  | 'vendors.manage'
  | 'privacy.manage';

const agentWork: Permission[] = [
  'tickets.read_all',
  'tickets.create',
  'tickets.update',
  'tickets.comment_public',
  'tickets.comment_internal',
  'tickets.merge',
  'customers.read',
  'customers.write',
  'users.read',
  'tokens.own',
  'kb.read_internal',
  'kb.write',
];

const grants: Record<Role, readonly Permission[]> = {
  customer: ['tickets.read_own', 'tickets.create', 'tickets.comment_public', 'tokens.own'],
  associate: agentWork,
  engineer: [...agentWork, 'customers.merge'],
  tam: [...agentWork, 'customers.merge', 'organizations.write'],
  manager: [...agentWork, 'customers.merge', 'organizations.write', 'groups.manage', 'routing.manage'],
  // Analysts read everything an agent sees but change nothing.
  analyst: ['tickets.read_all', 'customers.read', 'users.read', 'tokens.own', 'kb.read_internal'],
  head_of_support: [...agentWork, 'customers.merge', 'organizations.write', 'groups.manage', 'audit.read', 'routing.manage'],
  admin: [
    ...agentWork,
    'customers.merge',
    'organizations.write',
    'users.manage',
    'groups.manage',
    'taxonomy.manage',
    'custom_fields.manage',
    'tokens.manage',
    'audit.read',
    'settings.manage',
    'routing.manage',
    'privacy.manage',
  ],
};

// Workforce management: analysts read forecasts and adjust them; managers and up also build and
// publish schedules and decide time off. Every agent sees their own shifts (no permission needed).
const wfmGrants: Partial<Record<Role, readonly Permission[]>> = {
  analyst: ['wfm.read', 'wfm.forecast'],
  manager: ['wfm.read', 'wfm.forecast', 'wfm.schedule'],
  head_of_support: ['wfm.read', 'wfm.forecast', 'wfm.schedule'],
  admin: ['wfm.read', 'wfm.forecast', 'wfm.schedule'],
};

// Analytics: analysts, managers and up read the metrics and dashboards; analysts, heads of support
// and admins also keep problem records (root cause). Cost settings need settings.manage (admins).
const analyticsGrants: Partial<Record<Role, readonly Permission[]>> = {
  analyst: ['analytics.read', 'analytics.manage'],
  engineer: ['analytics.read'],
  manager: ['analytics.read'],
  head_of_support: ['analytics.read', 'analytics.manage'],
  admin: ['analytics.read', 'analytics.manage'],
};

// Feedback and quality: analysts read survey results and reviews; managers and up review, coach
// and run calibrations; heads of support and admins (and managers, the QA leads) edit scorecards,
// sampling rules and survey settings. Agents reach their own reviews and coaching without a grant.
const qualityGrants: Partial<Record<Role, readonly Permission[]>> = {
  analyst: ['feedback.read', 'qa.read'],
  manager: ['feedback.read', 'qa.read', 'qa.review', 'qa.manage'],
  head_of_support: ['feedback.read', 'feedback.manage', 'qa.read', 'qa.review', 'qa.manage'],
  admin: ['feedback.read', 'feedback.manage', 'qa.read', 'qa.review', 'qa.manage'],
};

// Account operations: managers, TAMs and up run segments and campaigns; every agent handles returns
// and warranty claims; heads of support and admins keep vendor contracts, managers and analysts read scorecards.
const accountGrants: Partial<Record<Role, readonly Permission[]>> = {
  associate: ['returns.manage'],
  engineer: ['returns.manage'],
  tam: ['returns.manage', 'outbound.manage'],
  manager: ['returns.manage', 'outbound.manage', 'vendors.read'],
  analyst: ['vendors.read'],
  head_of_support: ['returns.manage', 'outbound.manage', 'vendors.read', 'vendors.manage'],
  admin: ['returns.manage', 'outbound.manage', 'vendors.read', 'vendors.manage'],
};

const grantSets = new Map<Role, ReadonlySet<Permission>>(
  Object.entries(grants).map(([role, list]) => [
    role as Role,
    new Set([
      ...list,
      ...(wfmGrants[role as Role] ?? []),
      ...(analyticsGrants[role as Role] ?? []),
      ...(qualityGrants[role as Role] ?? []),
      ...(accountGrants[role as Role] ?? []),
    ]),
  ]),
);

export function can(role: Role, permission: Permission): boolean {
  return grantSets.get(role)?.has(permission) ?? false;
}

export function permissionsOf(role: Role): Permission[] {
  return [...(grantSets.get(role) ?? [])];
}

export function isAgent(role: Role): boolean {
  return role !== 'customer';
}

/** Throws `forbidden` unless the role holds every one of the permissions. */
export function assertCan(role: Role, ...permissions: Permission[]): void {
  for (const permission of permissions) {
    if (!can(role, permission)) {
      throw new AppError('forbidden', `Your role (${role}) may not do this (needs ${permission}).`);
    }
  }
}
