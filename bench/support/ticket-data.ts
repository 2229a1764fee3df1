/**
 * Realistic, reproducible ticket bodies for the benches: a seeded generator, so that two runs send the
 * same mix (subjects, description lengths, tags) and their figures can be compared.
 */

/** mulberry32: a small, fast, seedable PRNG (not for secrets). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const firstNames = [
  'Ava',
  'Liam',
  'Noah',
  'Emma',
  'Olivia',
  'Mia',
  'Lucas',
  'Amelia',
  'Ethan',
  'Sofia',
  'Mateo',
  'Chloe',
  'Hugo',
  'Léa',
  'Jonas',
  'Priya',
  'Arjun',
  'Yuki',
  'Kenji',
  'Fatima',
  'Omar',
  'Zoe',
  'Ines',
  'Tomás',
  'Nora',
  'Elias',
  'Maya',
  'Leo',
  'Hannah',
  'Samuel',
];
const lastNames = [
  'Smith',
  'Garcia',
  'Müller',
  'Rossi',
  'Dubois',
  'Kowalski',
  'Nakamura',
  'Patel',
  'Okafor',
  'Silva',
  'Johansson',
  'Novak',
  'Brown',
  'Martin',
  'Lopez',
  'Chen',
  'Kim',
  'Haddad',
  "O'Neill",
  'Jensen',
  'Costa',
  'Wagner',
  'Ivanova',
  'Moreau',
  'Fischer',
];
const domains = [
  'acme.example.com',
  'globex.example.com',
  'initech.example.org',
  'umbrella.example.net',
  'hooli.example.com',
  'stark.example.io',
  'wayne.example.com',
  'wonka.example.co',
  'tyrell.example.com',
  'cyberdyne.example.org',
  'gmail.example.com',
  'outlook.example.com',
];

const products = [
  'the mobile app',
  'the billing portal',
  'the API',
  'SSO',
  'the dashboard',
  'CSV export',
  'the Android app',
  'webhooks',
  'the invoice PDF',
];
const subjects: ((r: () => number) => string)[] = [
  (r) => `Can't log in to ${pick(r, products)}`,
  (r) => `Refund for order #${100000 + Math.floor(r() * 900000)}`,
  (r) => `${capitalise(pick(r, products))} is very slow since this morning`,
  (r) => `Charged twice on invoice INV-${2026}${String(Math.floor(r() * 10000)).padStart(4, '0')}`,
  () => `How do I change the email address on my account?`,
  (r) => `Error 500 when saving settings in ${pick(r, products)}`,
  (r) => `Feature request: dark mode for ${pick(r, products)}`,
  () => `Password reset email never arrives`,
  () => `Cancel my subscription`,
  (r) => `${capitalise(pick(r, products))} keeps crashing after the last update`,
  (r) => `Question about the ${pick(r, ['Pro', 'Team', 'Enterprise'])} plan pricing`,
  () => `Data missing from last week's report`,
];
const sentences = [
  'Hi team,',
  'Hello,',
  'I tried again after clearing the cache and it still does not work.',
  'This started happening right after your update yesterday.',
  'Our whole team is blocked and we have a deadline on Friday.',
  'I have attached nothing yet, but I can send screenshots if that helps.',
  'The error message says "Something went wrong, please try again later".',
  'We are on the annual plan and have been customers for three years.',
  'Could you please look into this as soon as possible?',
  'I already checked the help centre article about this, without luck.',
  "It works on my colleague's laptop but not on mine (Chrome 126 on macOS).",
  'My order number is in the subject line.',
  'Please refund the duplicate charge to the original card.',
  'Is there a workaround in the meantime?',
  'Thanks in advance for your help.',
  'Best regards,',
];
const tagPool = [
  'billing',
  'login',
  'bug',
  'refund',
  'vip',
  'mobile',
  'api',
  'sso',
  'performance',
  'feature-request',
  'churn-risk',
  'invoice',
];
const priorities = ['p1', 'p2', 'p3', 'p3', 'p3', 'p4', 'p4'] as const;
const types = ['question', 'question', 'question', 'incident', 'incident', 'problem', 'task'] as const;

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)] as T;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface Customer {
  email: string;
  name: string;
}

export interface TicketBody {
  subject: string;
  description: string;
  requester: Customer;
  priority: (typeof priorities)[number];
  type: (typeof types)[number];
  tags: string[];
}

/** A pool of distinct customers (distinct emails), the same for a given seed. */
export function customerPool(size: number, seed = 7): Customer[] {
  const r = seededRandom(seed);
  return Array.from({ length: size }, (_, i) => {
    const first = pick(r, firstNames);
    const last = pick(r, lastNames);
    const local = `${first}.${last}`
      .normalize('NFD')
      .replace(/[^A-Za-z.]/g, '')
      .toLowerCase();
    return { email: `${local}.${i}@${pick(r, domains)}`, name: `${first} ${last}` };
  });
}

/** An endless stream of ticket bodies for requesters drawn from the pool. */
export function ticketGenerator(pool: readonly Customer[], seed = 42): () => TicketBody {
  const r = seededRandom(seed);
  return () => {
    const count = 2 + Math.floor(r() * 5);
    const description = Array.from({ length: count }, () => pick(r, sentences)).join(' ');
    const tagCount = Math.floor(r() * 4);
    const tags = [...new Set(Array.from({ length: tagCount }, () => pick(r, tagPool)))];
    return {
      subject: pick(r, subjects)(r),
      description,
      requester: pick(r, pool),
      priority: pick(r, priorities),
      type: pick(r, types),
      tags,
    };
  };
}
