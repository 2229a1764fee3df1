import { franc } from 'franc-min';
import Sentiment from 'sentiment';

/**
 * Signals read from a new ticket's text: its language (for language routing), a frustration
 * score (routing weights, QA sampling) and the priority its urgency cues call for.
 */

// franc answers ISO 639-3; routing and the agents' skills use the two-letter codes.
const twoLetter: Record<string, string> = {
  eng: 'en',
  spa: 'es',
  fra: 'fr',
  deu: 'de',
  por: 'pt',
  ita: 'it',
  nld: 'nl',
  rus: 'ru',
  cmn: 'zh',
  jpn: 'ja',
  arb: 'ar',
  hin: 'hi',
  pol: 'pl',
  tur: 'tr',
  ukr: 'uk',
  swe: 'sv',
  ces: 'cs',
  ron: 'ro',
  hun: 'hu',
  kor: 'ko',
};

/** The text's language as a two-letter code, or null when it is too short or unclear to tell. */
export function detectLanguage(text: string): string | null {
  const code = franc(text, { minLength: 10, only: Object.keys(twoLetter) });
  return twoLetter[code] ?? null;
}

const analyser = new Sentiment();
// Support-specific words the general lexicon misses or underrates.
const extras: Record<string, number> = {
  unacceptable: -4,
  ridiculous: -3,
  frustrated: -3,
  frustrating: -3,
  useless: -3,
  again: -1,
  still: -1,
  worst: -4,
  refund: -1,
  cancel: -2,
  lawyer: -3,
  complaint: -2,
  broken: -2,
  waiting: -1,
};

/** Frustration from 0 (calm) to 1 (furious): negative sentiment, shouting and repeated punctuation. */
export function frustrationScore(text: string): number {
  const { comparative } = analyser.analyze(text, { extras });
  let score = Math.max(0, -comparative) / 2;
  const letters = text.replace(/[^A-Za-z]/g, '');
  const capitals = text.replace(/[^A-Z]/g, '').length;
  if (letters.length >= 12 && capitals / letters.length > 0.6) score += 0.25;
  if (/[!?]{2,}/.test(text)) score += 0.15;
  return Math.round(Math.min(1, score) * 100) / 100;
}

const cues: { priority: 'p1' | 'p2'; pattern: RegExp }[] = [
  {
    priority: 'p1',
    pattern:
      /\b(system|site|service|server|platform|app|website|production|everything)\s+(is\s+|are\s+)?(down|offline|unreachable|not responding)\b|\boutage\b|\b(nobody|no one|none of us) can (log ?in|access|work)\b|\bdata (loss|breach)\b|\bsecurity (breach|incident)\b/i,
  },
  {
    priority: 'p2',
    pattern:
      /\b(can ?not|can't|unable to) (log ?in|sign ?in|access)( at all)?\b|\blocked out\b|\b(lawyer|attorney|legal action|sue|lawsuit|court)\b|\burgent(ly)?\b|\basap\b|\bstolen\b|\bfraud\b/i,
  },
];

/** The priority the text's urgency cues call for (p1 = system down), or null when it has none. */
export function urgencyPriority(text: string): 'p1' | 'p2' | null {
  for (const cue of cues) if (cue.pattern.test(text)) return cue.priority;
  return null;
}
