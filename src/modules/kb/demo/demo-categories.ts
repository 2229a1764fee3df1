/** The demo help centre's categories and their sections (slug, name, description). */
export interface DemoCategory {
  slug: string;
  name: string;
  description: string;
  sections: { slug: string; name: string; description: string }[];
}

export const demoCategories: DemoCategory[] = [
  {
    slug: 'billing',
    name: 'Billing & payments',
    description: 'Invoices, refunds, payment methods and plans.',
    sections: [
      { slug: 'invoices', name: 'Invoices', description: 'Find, download and correct invoices.' },
      { slug: 'refunds', name: 'Refunds', description: 'When and how money comes back.' },
      { slug: 'payments', name: 'Payments', description: 'Cards, bank transfer, SEPA and failed payments.' },
      { slug: 'plans', name: 'Plans & pricing', description: 'Upgrades, downgrades, seats and add-ons.' },
    ],
  },
  {
    slug: 'account',
    name: 'Account & security',
    description: 'Signing in, passwords, two-factor, privacy and closing an account.',
    sections: [
      { slug: 'sign-in', name: 'Signing in', description: 'Passwords, SSO and locked accounts.' },
      { slug: 'security', name: 'Security', description: 'Two-factor authentication, sessions and alerts.' },
      { slug: 'privacy', name: 'Privacy & GDPR', description: 'Your data, exports and erasure.' },
      { slug: 'cancellation', name: 'Cancelling', description: 'Closing a workspace and what happens to your data.' },
    ],
  },
  {
    slug: 'platform',
    name: 'Using the platform',
    description: 'Your team, integrations and the API, exports, speed and availability.',
    sections: [
      { slug: 'team', name: 'Team & permissions', description: 'Inviting people, roles and seats.' },
      { slug: 'integrations', name: 'Integrations & API', description: 'API tokens, webhooks and connected apps.' },
      { slug: 'data-export', name: 'Data export & import', description: 'Getting data in and out.' },
      { slug: 'performance', name: 'Performance & status', description: 'Slow pages, outages and the status page.' },
    ],
  },
  {
    slug: 'mobile',
    name: 'Mobile app',
    description: 'Installing the app, notifications, sync and crashes.',
    sections: [
      { slug: 'mobile-setup', name: 'Install & troubleshoot', description: 'Installing, updating and fixing crashes.' },
      { slug: 'notifications', name: 'Notifications', description: 'Push, email and quiet hours.' },
      { slug: 'sync', name: 'Sync & offline', description: 'Offline use and keeping devices in step.' },
    ],
  },
  {
    slug: 'playbooks',
    name: 'Agent playbooks',
    description: 'Internal: how the support team handles common cases.',
    sections: [],
  },
];
