import type { Role } from '../../app/types.ts';

/** The admin screens, in navigation order, and who may open each (mirrors the API's grants). */
export interface AdminSection {
  slug: string;
  label: string;
  description: string;
  roles: readonly Role[];
}

export const adminSections: readonly AdminSection[] = [
  { slug: 'users', label: 'Users & roles', description: 'Who works in Frontline, with their roles, skills and groups.', roles: ['admin'] },
  { slug: 'groups', label: 'Groups', description: 'Teams that tickets are routed to, with their members and tier.', roles: ['admin'] },
  {
    slug: 'taxonomy',
    label: 'Taxonomy',
    description: 'Products and the categories under them, used to route and report on tickets.',
    roles: ['admin'],
  },
  { slug: 'custom-fields', label: 'Custom fields', description: 'Extra ticket fields your team fills in.', roles: ['admin'] },
  {
    slug: 'resolution-codes',
    label: 'Resolution codes',
    description: 'How a ticket was resolved, recorded when it is solved.',
    roles: ['admin'],
  },
  {
    slug: 'tokens',
    label: 'API tokens',
    description: 'Secrets for scripts and integrations that call the Frontline API.',
    roles: ['admin'],
  },
  {
    slug: 'audit-log',
    label: 'Audit log',
    description: 'Every change to settings, users and access, newest first.',
    roles: ['admin', 'head_of_support'],
  },
  {
    slug: 'routing',
    label: 'Routing & value',
    description: 'How waiting work reaches agents, their capacity, and the customer value tiers.',
    roles: ['admin', 'head_of_support', 'manager'],
  },
  {
    slug: 'automation',
    label: 'Automation',
    description: 'Triggers, time-based automations, macros and outbound webhooks.',
    roles: ['admin'],
  },
  {
    slug: 'channels',
    label: 'Channels',
    description: 'Support addresses, IMAP mailboxes, messaging connections, and inbound mail that could not be read.',
    roles: ['admin'],
  },
];

export const adminPath = (slug: string): string => `/admin/${slug}`;

export const sectionsFor = (role: Role): AdminSection[] => adminSections.filter((section) => section.roles.includes(role));

export const sectionBySlug = (slug: string): AdminSection | undefined => adminSections.find((section) => section.slug === slug);
