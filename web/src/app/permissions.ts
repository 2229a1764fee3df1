import type { Role, User } from './types.ts';

/**
 * What the interface offers to whom. Mirrors the server's role grants only to hide controls a
 * person cannot use; the API still decides.
 */
export const roleLabels: Record<Role, string> = {
  customer: 'Customer',
  associate: 'Associate',
  engineer: 'Support engineer',
  manager: 'Manager',
  tam: 'Technical account manager',
  analyst: 'Analyst',
  head_of_support: 'Head of support',
  admin: 'Administrator',
};

export const isAgent = (user: User): boolean => user.role !== 'customer';

/** Agents who may change tickets and write internal notes (analysts only read). */
export const canWorkTickets = (user: User): boolean => user.role !== 'customer' && user.role !== 'analyst';

export const canReply = (user: User): boolean => user.role !== 'analyst';
