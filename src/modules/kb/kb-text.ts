import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * Article text: Markdown rendered to sanitised HTML (raw HTML in the source is not rendered at all,
 * and the output passes through sanitize-html as a second wall), plain text for snippets, slugs for
 * readable URLs, and the words a query or an article is made of.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

const allowedTags = [...sanitizeHtml.defaults.allowedTags.filter((tag) => tag !== 'iframe'), 'img', 'h1', 'h2', 'h3', 'h4', 'del', 's'];

export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.render(source), {
    allowedTags,
    allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'title'], code: ['class'], th: ['align'], td: ['align'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['http', 'https'] },
    allowProtocolRelative: false,
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) },
  });
}

/** The words of the rendered article, without markup, for snippets and search. */
export function plainText(html: string): string {
  return sanitizeHtml(html.replace(/<\/(p|h[1-6]|li|pre|tr|blockquote)>/g, '$&\n'), { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'article';
}

/** Letters and digits only: safe to place in a tsquery and to compare with kb_terms. */
export function wordsOf(text: string, max = 5000): string[] {
  const words =
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.filter((w) => w.length >= 2 && w.length <= 40).slice(0, max);
}

/** Removes characters PostgreSQL cannot store or that carry no meaning in a query (control characters). */
export function cleanQuery(text: string): string {
  let out = '';
  for (const ch of text.slice(0, 500)) {
    const code = ch.charCodeAt(0);
    out += code < 32 || code === 127 ? ' ' : ch;
  }
  return out.trim();
}

/** PostgreSQL's text-search configuration for a locale (stemming and stop words); `simple` otherwise. */
const searchConfigs: Record<string, string> = {
  ar: 'arabic',
  da: 'danish',
  de: 'german',
  el: 'greek',
  en: 'english',
  es: 'spanish',
  fi: 'finnish',
  fr: 'french',
  hu: 'hungarian',
  id: 'indonesian',
  it: 'italian',
  lt: 'lithuanian',
  nb: 'norwegian',
  nl: 'dutch',
  no: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sv: 'swedish',
  tr: 'turkish',
};

export function searchConfigFor(locale: string): string {
  return searchConfigs[baseLocale(locale)] ?? 'simple';
}

export const baseLocale = (locale: string): string => locale.split('-')[0]?.toLowerCase() ?? locale;

/** `pt-BR` → `pt-br`: one spelling per locale. */
export const normaliseLocale = (locale: string): string => locale.trim().toLowerCase().replace('_', '-');

/**
 * Words customers use for what the articles call something else. Each group is matched both ways;
 * the expansion adds to a query, at a lower weight than the words typed.
 */
const synonymGroups: Record<string, string[][]> = {
  en: [
    ['refund', 'reimburse', 'reimbursement', 'moneyback', 'chargeback', 'repay'],
    ['invoice', 'receipt', 'bill', 'statement'],
    ['charge', 'payment', 'debit', 'fee'],
    ['twice', 'double', 'duplicate', 'duplicated'],
    ['declined', 'rejected', 'failed', 'refused', 'bounced'],
    ['cancel', 'terminate', 'unsubscribe', 'close', 'quit'],
    ['password', 'passcode', 'credentials'],
    ['login', 'signin', 'sign', 'logon', 'log'],
    ['locked', 'blocked', 'disabled', 'suspended'],
    ['2fa', 'mfa', 'authenticator', 'otp', 'verification', 'factor'],
    ['crash', 'crashes', 'freezes', 'closes', 'quits', 'hang'],
    ['slow', 'lag', 'laggy', 'sluggish', 'performance', 'latency', 'timeout'],
    ['outage', 'down', 'unavailable', 'offline', 'incident'],
    ['notification', 'alert', 'push', 'reminder'],
    ['sync', 'synchronise', 'synchronize', 'syncing'],
    ['export', 'download', 'backup', 'csv'],
    ['delete', 'erase', 'remove', 'erasure', 'forget'],
    ['gdpr', 'privacy', 'personal', 'dsar'],
    ['upgrade', 'downgrade', 'plan', 'tier', 'subscription'],
    ['card', 'creditcard', 'visa', 'mastercard'],
    ['api', 'token', 'key', 'webhook', 'integration'],
    ['user', 'seat', 'member', 'teammate', 'colleague'],
    ['email', 'mail', 'inbox'],
    ['phone', 'mobile', 'iphone', 'android', 'app'],
    ['address', 'billing'],
    ['vat', 'tax', 'gst'],
    ['account', 'workspace'],
    ['suspend', 'suspended', 'suspension', 'shut', 'restricted'],
    ['logout', 'signout', 'sessions'],
    ['country', 'location', 'region', 'servers', 'hosted', 'hosting', 'stored'],
    ['undo', 'reopen', 'restore', 'recover'],
    ['owner', 'owns', 'ownership'],
    ['client', 'clients', 'guest', 'guests', 'external', 'contractor'],
    ['laptop', 'computer', 'desktop', 'device', 'devices'],
    ['internet', 'offline', 'connection'],
  ],
};

const synonymIndex = new Map<string, Map<string, string[]>>();
for (const [lang, groups] of Object.entries(synonymGroups)) {
  const index = new Map<string, string[]>();
  for (const group of groups) for (const word of group) index.set(word, [...(index.get(word) ?? []), ...group.filter((w) => w !== word)]);
  synonymIndex.set(lang, index);
}

/** The synonyms of the query's words (not the words themselves), for the query's language. */
export function synonymsOf(words: string[], locale: string): string[] {
  const index = synonymIndex.get(baseLocale(locale));
  if (!index) return [];
  const out = new Set<string>();
  for (const word of words) for (const s of index.get(word) ?? []) out.add(s);
  // Two words written as one: "money back" → moneyback, "sign in" → signin.
  for (let i = 0; i + 1 < words.length; i++) for (const s of index.get(`${words[i]}${words[i + 1]}`) ?? []) out.add(s);
  for (const word of words) out.delete(word);
  return [...out];
}
