import type { CustomFieldType, Role } from '../db/schema.ts';

/** Demo agents sign in with these addresses; the domain is reserved (RFC 2606), so no mail ever leaves. */
export const DEMO_EMAIL_DOMAIN = 'demo.frontline.test';
export const DEMO_PASSWORD = 'demo-password-1';
/** The fictional software company whose support team the demo shows. */
export const COMPANY = 'Nimbus';

export type GroupKey = 'tier1' | 'tier2' | 'tier3' | 'billing' | 'accounts';

export const demoGroups: { key: GroupKey; name: string; tier: number; description: string }[] = [
  { key: 'tier1', name: 'Tier 1 Support', tier: 1, description: 'First line: every channel, how-to questions, known issues, triage.' },
  {
    key: 'tier2',
    name: 'Tier 2 Technical',
    tier: 2,
    description: 'Technical investigations, integrations, incidents; takes escalations from Tier 1.',
  },
  {
    key: 'tier3',
    name: 'Tier 3 Engineering',
    tier: 3,
    description: 'Support engineers who fix bugs and root-cause incidents with the product teams.',
  },
  { key: 'billing', name: 'Billing', tier: 1, description: 'Invoices, refunds, failed payments and plan changes.' },
  {
    key: 'accounts',
    name: 'Accounts',
    tier: 2,
    description: 'Account-level issues: security, GDPR requests, contract cancellations, disputes.',
  },
];

export type Product = 'billing' | 'platform' | 'mobile-app';

export interface AgentDef {
  key: string;
  name: string;
  role: Role;
  tier: number;
  languages: string[];
  timeZone: string;
  groups: GroupKey[];
  /** product and channel skills with proficiency 1–5; language skills are added from `languages`. */
  skills: Record<string, number>;
}

const en = (level = 5) => ({ 'language:en': level });

export const agentDefs: AgentDef[] = [
  // Tier 1 associates
  {
    key: 'maya',
    name: 'Maya Patel',
    role: 'associate',
    tier: 1,
    languages: ['en', 'es'],
    timeZone: 'America/New_York',
    groups: ['tier1', 'billing'],
    skills: { 'product:billing': 4, 'product:platform': 3, 'channel:chat': 4, 'language:es': 3, ...en() },
  },
  {
    key: 'lucas',
    name: 'Lucas Schneider',
    role: 'associate',
    tier: 1,
    languages: ['en', 'de'],
    timeZone: 'Europe/Berlin',
    groups: ['tier1'],
    skills: { 'product:platform': 3, 'product:mobile-app': 3, 'channel:voice': 4, 'language:de': 5, ...en(4) },
  },
  {
    key: 'sofia',
    name: 'Sofia Ramirez',
    role: 'associate',
    tier: 1,
    languages: ['en', 'es'],
    timeZone: 'Europe/Madrid',
    groups: ['tier1', 'billing'],
    skills: { 'product:billing': 3, 'product:mobile-app': 3, 'channel:chat': 3, 'language:es': 5, ...en(4) },
  },
  {
    key: 'amelie',
    name: 'Amelie Laurent',
    role: 'associate',
    tier: 1,
    languages: ['en', 'fr'],
    timeZone: 'Europe/Paris',
    groups: ['tier1'],
    skills: { 'product:platform': 3, 'product:mobile-app': 2, 'channel:voice': 3, 'language:fr': 5, ...en(4) },
  },
  {
    key: 'daniel',
    name: 'Daniel Okafor',
    role: 'associate',
    tier: 1,
    languages: ['en'],
    timeZone: 'Europe/London',
    groups: ['tier1'],
    skills: { 'product:platform': 4, 'product:billing': 2, 'channel:voice': 4, ...en() },
  },
  {
    key: 'hannah',
    name: 'Hannah Kim',
    role: 'associate',
    tier: 1,
    languages: ['en'],
    timeZone: 'America/Chicago',
    groups: ['tier1'],
    skills: { 'product:mobile-app': 4, 'product:platform': 2, 'channel:chat': 5, ...en() },
  },
  {
    key: 'jonas',
    name: 'Jonas Weber',
    role: 'associate',
    tier: 1,
    languages: ['en', 'de'],
    timeZone: 'Europe/Berlin',
    groups: ['tier1', 'billing'],
    skills: { 'product:billing': 4, 'channel:chat': 3, 'language:de': 5, ...en(4) },
  },
  {
    key: 'grace',
    name: 'Grace Thompson',
    role: 'associate',
    tier: 1,
    languages: ['en'],
    timeZone: 'America/Los_Angeles',
    groups: ['tier1'],
    skills: { 'product:platform': 3, 'product:billing': 2, 'product:mobile-app': 3, 'channel:voice': 3, ...en() },
  },
  // Tier 2 engineers
  {
    key: 'arjun',
    name: 'Arjun Mehta',
    role: 'engineer',
    tier: 2,
    languages: ['en'],
    timeZone: 'Europe/London',
    groups: ['tier2'],
    skills: { 'product:platform': 5, 'product:mobile-app': 2, 'priority:p1': 4, ...en() },
  },
  {
    key: 'elena',
    name: 'Elena Petrova',
    role: 'engineer',
    tier: 2,
    languages: ['en', 'de'],
    timeZone: 'Europe/Berlin',
    groups: ['tier2'],
    skills: { 'product:platform': 4, 'product:mobile-app': 4, 'priority:p1': 3, 'language:de': 3, ...en() },
  },
  {
    key: 'clara',
    name: 'Clara Fischer',
    role: 'engineer',
    tier: 2,
    languages: ['en', 'de', 'fr'],
    timeZone: 'Europe/Zurich',
    groups: ['tier2'],
    skills: { 'product:mobile-app': 5, 'product:platform': 3, 'language:de': 5, 'language:fr': 3, ...en(4) },
  },
  {
    key: 'marcus',
    name: 'Marcus Johnson',
    role: 'engineer',
    tier: 2,
    languages: ['en', 'es'],
    timeZone: 'America/New_York',
    groups: ['accounts', 'billing'],
    skills: { 'product:billing': 5, 'product:platform': 3, 'language:es': 2, ...en() },
  },
  // Tier 3 engineers
  {
    key: 'kenji',
    name: 'Kenji Watanabe',
    role: 'engineer',
    tier: 3,
    languages: ['en'],
    timeZone: 'Europe/Amsterdam',
    groups: ['tier3'],
    skills: { 'product:platform': 5, 'product:billing': 3, 'priority:p1': 5, ...en() },
  },
  {
    key: 'ingrid',
    name: 'Ingrid Larsen',
    role: 'engineer',
    tier: 3,
    languages: ['en', 'de'],
    timeZone: 'Europe/Oslo',
    groups: ['tier3'],
    skills: { 'product:mobile-app': 5, 'product:platform': 4, 'priority:p1': 4, 'language:de': 3, ...en() },
  },
  // Leads and the rest of the team
  {
    key: 'rachel',
    name: 'Rachel Goldberg',
    role: 'manager',
    tier: 2,
    languages: ['en'],
    timeZone: 'America/New_York',
    groups: ['tier1', 'billing'],
    skills: { 'product:billing': 4, 'product:platform': 3, ...en() },
  },
  {
    key: 'omar',
    name: 'Omar Haddad',
    role: 'manager',
    tier: 3,
    languages: ['en', 'fr'],
    timeZone: 'Europe/London',
    groups: ['tier2', 'tier3'],
    skills: { 'product:platform': 5, 'product:mobile-app': 3, 'priority:p1': 5, 'language:fr': 4, ...en() },
  },
  {
    key: 'nadia',
    name: 'Nadia Rossi',
    role: 'tam',
    tier: 2,
    languages: ['en', 'es'],
    timeZone: 'America/New_York',
    groups: ['accounts'],
    skills: { 'product:billing': 4, 'product:platform': 4, 'language:es': 3, ...en() },
  },
  {
    key: 'victor',
    name: 'Victor Chen',
    role: 'analyst',
    tier: 1,
    languages: ['en'],
    timeZone: 'America/Los_Angeles',
    groups: [],
    skills: { ...en() },
  },
  {
    key: 'diane',
    name: 'Diane Brooks',
    role: 'head_of_support',
    tier: 3,
    languages: ['en'],
    timeZone: 'America/New_York',
    groups: [],
    skills: { 'product:platform': 4, 'product:billing': 4, 'product:mobile-app': 3, ...en() },
  },
];

export function agentEmail(agent: Pick<AgentDef, 'name'>): string {
  return `${asciiLocal(agent.name)}@${DEMO_EMAIL_DOMAIN}`;
}

/** "Amélie O'Neil" → "amelie.oneil": safe for any email validator. */
export function asciiLocal(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z\s-]/g, '')
    .trim()
    .split(/[\s-]+/)
    .join('.');
}

export interface SubcategoryDef {
  key: string;
  name: string;
}

export const taxonomy: { product: string; name: string; skill: Product; categories: SubcategoryDef[] }[] = [
  {
    product: 'billing',
    name: 'Billing',
    skill: 'billing',
    categories: [
      { key: 'invoices', name: 'Invoices' },
      { key: 'refunds', name: 'Refunds' },
      { key: 'payment-failed', name: 'Payment failed' },
      { key: 'plan-change', name: 'Plan change' },
    ],
  },
  {
    product: 'platform',
    name: 'Platform',
    skill: 'platform',
    categories: [
      { key: 'login-access', name: 'Login & access' },
      { key: 'outage', name: 'Outage' },
      { key: 'performance', name: 'Performance' },
      { key: 'integrations-api', name: 'Integrations/API' },
      { key: 'data-export', name: 'Data export' },
    ],
  },
  {
    product: 'mobile-app',
    name: 'Mobile app',
    skill: 'mobile-app',
    categories: [
      { key: 'crash', name: 'Crash' },
      { key: 'notifications', name: 'Notifications' },
      { key: 'sync', name: 'Sync' },
    ],
  },
  {
    product: 'account',
    name: 'Account',
    skill: 'billing',
    categories: [
      { key: 'cancellation', name: 'Cancellation' },
      { key: 'security', name: 'Security' },
      { key: 'gdpr-request', name: 'GDPR request' },
    ],
  },
];

export const PLANS = ['Free', 'Team', 'Business', 'Enterprise'] as const;
export type Plan = (typeof PLANS)[number];

export const customFieldDefs: { key: string; label: string; type: CustomFieldType; options?: string[] }[] = [
  { key: 'order_number', label: 'Order number', type: 'text' },
  { key: 'plan', label: 'Plan', type: 'dropdown', options: [...PLANS] },
  { key: 'affected_users', label: 'Affected users', type: 'number' },
  { key: 'renewal_date', label: 'Renewal date', type: 'date' },
  { key: 'vip', label: 'VIP', type: 'checkbox' },
];

export const resolutionCodeDefs: { code: string; label: string }[] = [
  { code: 'answered', label: 'Answered' },
  { code: 'bug_fixed', label: 'Bug fixed' },
  { code: 'configuration', label: 'Configuration change' },
  { code: 'refund_issued', label: 'Refund issued' },
  { code: 'duplicate', label: 'Duplicate' },
  { code: 'no_response', label: 'No response from customer' },
  { code: 'feature_request', label: 'Feature request logged' },
];

export type ValueTier = 'standard' | 'silver' | 'gold' | 'platinum';

export interface CountryDef {
  code: string;
  language: string;
  timeZones: string[];
  currency: string;
}

export const countries: Record<string, CountryDef> = {
  US: {
    code: 'US',
    language: 'en',
    timeZones: ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'],
    currency: '$',
  },
  CA: { code: 'CA', language: 'en', timeZones: ['America/Toronto', 'America/Vancouver'], currency: 'CA$' },
  GB: { code: 'GB', language: 'en', timeZones: ['Europe/London'], currency: '£' },
  AU: { code: 'AU', language: 'en', timeZones: ['Australia/Sydney', 'Australia/Melbourne'], currency: 'A$' },
  IN: { code: 'IN', language: 'en', timeZones: ['Asia/Kolkata'], currency: '₹' },
  DE: { code: 'DE', language: 'de', timeZones: ['Europe/Berlin'], currency: '€' },
  AT: { code: 'AT', language: 'de', timeZones: ['Europe/Vienna'], currency: '€' },
  FR: { code: 'FR', language: 'fr', timeZones: ['Europe/Paris'], currency: '€' },
  ES: { code: 'ES', language: 'es', timeZones: ['Europe/Madrid'], currency: '€' },
  MX: { code: 'MX', language: 'es', timeZones: ['America/Mexico_City'], currency: 'MX$' },
  NL: { code: 'NL', language: 'nl', timeZones: ['Europe/Amsterdam'], currency: '€' },
  BR: { code: 'BR', language: 'pt', timeZones: ['America/Sao_Paulo'], currency: 'R$' },
};

/** Fictional customers of the fictional company; domains under the reserved .example TLD. */
export const organizationDefs: { name: string; domain: string; country: string; industry: string }[] = [
  { name: 'Brightwater Analytics', domain: 'brightwater-analytics.example', country: 'US', industry: 'data consultancy' },
  { name: 'Keystone Freight', domain: 'keystonefreight.example', country: 'US', industry: 'logistics' },
  { name: 'Harbor & Finch Legal', domain: 'harborfinch.example', country: 'GB', industry: 'law firm' },
  { name: 'Lumen Health Partners', domain: 'lumenhealth.example', country: 'US', industry: 'healthcare network' },
  { name: 'Alpenblick Reisen GmbH', domain: 'alpenblick-reisen.example', country: 'DE', industry: 'travel agency' },
  { name: 'Maison Clarte', domain: 'maison-clarte.example', country: 'FR', industry: 'interior design' },
  { name: 'Sol y Mar Hoteles', domain: 'solymar-hoteles.example', country: 'ES', industry: 'hotel group' },
  { name: 'Redwood Dental Group', domain: 'redwooddental.example', country: 'US', industry: 'dental clinics' },
  { name: 'Pinecrest Realty', domain: 'pinecrestrealty.example', country: 'CA', industry: 'real estate' },
  { name: 'Bluefin Payments', domain: 'bluefinpay.example', country: 'GB', industry: 'fintech' },
  { name: 'Copperleaf Studios', domain: 'copperleaf.example', country: 'US', industry: 'game studio' },
  { name: 'Tallgrass Farms Co-op', domain: 'tallgrassfarms.example', country: 'US', industry: 'agriculture' },
  { name: 'Meridian Robotics', domain: 'meridian-robotics.example', country: 'US', industry: 'industrial robotics' },
  { name: 'Halcyon Insurance', domain: 'halcyon-insurance.example', country: 'GB', industry: 'insurance' },
  { name: 'Vantage Point Schools', domain: 'vantagepointschools.example', country: 'AU', industry: 'education' },
  { name: 'Oakline Furniture', domain: 'oakline.example', country: 'CA', industry: 'retail' },
  { name: 'Nordlicht Energie AG', domain: 'nordlicht-energie.example', country: 'DE', industry: 'utilities' },
  { name: 'Atelier Rivage', domain: 'atelier-rivage.example', country: 'FR', industry: 'fashion' },
  { name: 'Cumbre Software', domain: 'cumbresoftware.example', country: 'MX', industry: 'software' },
  { name: 'Silverline Travel', domain: 'silverlinetravel.example', country: 'AU', industry: 'travel' },
  { name: 'Quillfeather Publishing', domain: 'quillfeather.example', country: 'GB', industry: 'publishing' },
  { name: 'Ironbridge Manufacturing', domain: 'ironbridge-mfg.example', country: 'US', industry: 'manufacturing' },
  { name: 'Evergreen Home Care', domain: 'evergreenhomecare.example', country: 'US', industry: 'home care' },
  { name: 'Donau Logistik', domain: 'donau-logistik.example', country: 'AT', industry: 'logistics' },
  { name: 'Kestrel Security', domain: 'kestrelsecurity.example', country: 'IN', industry: 'security services' },
  { name: 'Tulpenveld Bouw', domain: 'tulpenveld.example', country: 'NL', industry: 'construction' },
];

/** Personal mailboxes for customers without an organization (reserved domains). */
export const personalDomains = ['mail.example', 'inbox.example', 'post.example', 'webmail.example'];

export const firstNames: Record<string, string[]> = {
  en: [
    'James',
    'Olivia',
    'Liam',
    'Emma',
    'Noah',
    'Ava',
    'Ethan',
    'Sophia',
    'Mason',
    'Isabella',
    'Logan',
    'Mia',
    'Lucas',
    'Charlotte',
    'Aiden',
    'Amelia',
    'Jackson',
    'Harper',
    'Caleb',
    'Evelyn',
    'Ryan',
    'Abigail',
    'Nathan',
    'Emily',
    'Owen',
    'Ella',
    'Samuel',
    'Chloe',
    'Priya',
    'Rohan',
    'Aisha',
    'Kwame',
    'Mei',
    'Wei',
    'Fatima',
    'Tariq',
    'Grace',
    'Connor',
    'Siobhan',
    'Declan',
    'Zoe',
    'Marcus',
  ],
  de: [
    'Lukas',
    'Lena',
    'Felix',
    'Hannah',
    'Jonas',
    'Mia',
    'Leon',
    'Emilia',
    'Paul',
    'Sophie',
    'Maximilian',
    'Marie',
    'Tobias',
    'Anna',
    'Florian',
    'Katharina',
    'Stefan',
    'Julia',
    'Matthias',
    'Sabine',
  ],
  fr: [
    'Louis',
    'Camille',
    'Hugo',
    'Chloe',
    'Arthur',
    'Manon',
    'Jules',
    'Lea',
    'Gabriel',
    'Ines',
    'Thomas',
    'Sarah',
    'Nicolas',
    'Juliette',
    'Antoine',
    'Margaux',
    'Mathieu',
    'Claire',
  ],
  es: [
    'Mateo',
    'Lucia',
    'Santiago',
    'Sofia',
    'Diego',
    'Valentina',
    'Alejandro',
    'Camila',
    'Javier',
    'Elena',
    'Carlos',
    'Paula',
    'Miguel',
    'Carmen',
    'Pablo',
    'Isabel',
    'Andres',
    'Daniela',
  ],
  nl: ['Daan', 'Sanne', 'Bram', 'Lotte', 'Sem', 'Fleur', 'Ruben', 'Anouk', 'Thijs', 'Eva'],
  pt: ['Joao', 'Ana', 'Pedro', 'Beatriz', 'Gabriel', 'Mariana', 'Rafael', 'Larissa', 'Thiago', 'Camila'],
};

export const lastNames: Record<string, string[]> = {
  en: [
    'Smith',
    'Johnson',
    'Williams',
    'Brown',
    'Jones',
    'Miller',
    'Davis',
    'Wilson',
    'Anderson',
    'Taylor',
    'Thomas',
    'Moore',
    'Martin',
    'Jackson',
    'Thompson',
    'White',
    'Harris',
    'Clark',
    'Lewis',
    'Walker',
    'Hall',
    'Young',
    'King',
    'Wright',
    'Scott',
    'Green',
    'Baker',
    'Adams',
    'Nelson',
    'Campbell',
    'Mitchell',
    'Roberts',
    'Carter',
    'Murphy',
    'Kelly',
    'Singh',
    'Sharma',
    'Chen',
    'Nguyen',
    'Okafor',
    'Mensah',
    'Ahmed',
    'Rahman',
    'Lee',
    'Kaur',
    "O'Brien",
    'Fitzgerald',
    'Hughes',
  ],
  de: [
    'Mueller',
    'Schmidt',
    'Schneider',
    'Fischer',
    'Weber',
    'Meyer',
    'Wagner',
    'Becker',
    'Schulz',
    'Hoffmann',
    'Koch',
    'Richter',
    'Klein',
    'Wolf',
    'Neumann',
    'Schwarz',
    'Zimmermann',
    'Braun',
    'Hofmann',
    'Lange',
  ],
  fr: [
    'Martin',
    'Bernard',
    'Dubois',
    'Thomas',
    'Robert',
    'Richard',
    'Petit',
    'Durand',
    'Leroy',
    'Moreau',
    'Simon',
    'Laurent',
    'Lefebvre',
    'Michel',
    'Garcia',
    'David',
    'Bertrand',
    'Roux',
  ],
  es: [
    'Garcia',
    'Rodriguez',
    'Gonzalez',
    'Fernandez',
    'Lopez',
    'Martinez',
    'Sanchez',
    'Perez',
    'Gomez',
    'Martin',
    'Jimenez',
    'Ruiz',
    'Hernandez',
    'Diaz',
    'Moreno',
    'Alvarez',
    'Romero',
    'Navarro',
  ],
  nl: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Meijer', 'Mulder', 'Bos'],
  pt: ['Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima', 'Gomes'],
};
