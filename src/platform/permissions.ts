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
  | 'settings.manage';

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
];

const grants: Record<Role, readonly Permission[]> = {
  customer: ['tickets.read_own', 'tickets.create', 'tickets.comment_public', 'tokens.own'],
  associate: agentWork,
  engineer: [...agentWork, 'customers.merge'],
  tam: [...agentWork, 'customers.merge', 'organizations.write'],
  manager: [...agentWork, 'customers.merge', 'organizations.write', 'groups.manage'],
  // Analysts read everything an agent sees but change nothing.
  analyst: ['tickets.read_all', 'customers.read', 'users.read', 'tokens.own'],
  head_of_support: [...agentWork, 'customers.merge', 'organizations.write', 'groups.manage', 'audit.read'],
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
  ],
};

const grantSets = new Map<Role, ReadonlySet<Permission>>(Object.entries(grants).map(([role, list]) => [role as Role, new Set(list)]));

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
