/**
 * The QA score, exactly:
 *
 * - each item i has a weight wᵢ > 0 and a scale 0…maxᵢ (maxᵢ = 1 is pass/fail); a reviewer gives it a
 *   score sᵢ on that scale, or marks it "not applicable" (N/A) where the item allows it;
 * - an item's fraction is fᵢ = sᵢ / maxᵢ;
 * - the review score is 100 × Σ wᵢ·fᵢ / Σ wᵢ over the items NOT marked N/A (N/A leaves the
 *   denominator as well as the numerator), rounded to 2 decimals; with every item N/A there is no score;
 * - an auto-fail item (always pass/fail) scored 0 fails the whole review: the score is 0, whatever
 *   the other items say; an auto-fail item marked N/A fails nothing;
 * - a section's score is the same ratio over that section's items (auto-fail applies to the total only);
 * - the review passes when it is not auto-failed and its score ≥ the scorecard version's pass score.
 */

export interface ScorecardItem {
  key: string;
  label: string;
  description?: string | undefined;
  weight: number;
  max_score: number;
  allow_na?: boolean | undefined;
  auto_fail?: boolean | undefined;
}

export interface ScorecardSection {
  key: string;
  title: string;
  items: ScorecardItem[];
}

export interface ScorecardDefinition {
  sections: ScorecardSection[];
}

export interface ItemAnswer {
  score: number | null;
  not_applicable: boolean;
  comment?: string | undefined;
}

export interface SectionScore {
  key: string;
  title: string;
  score: number | null;
  earned: number;
  possible: number;
}

export interface ReviewScore {
  score: number | null;
  auto_failed: boolean;
  failed_items: string[];
  passed: boolean | null;
  sections: SectionScore[];
  /** Items with neither a score nor N/A: a review cannot be submitted until this is empty. */
  unanswered: string[];
}

export const round2 = (n: number): number => Math.round((n + Number.EPSILON) * 100) / 100;

export function itemsOf(definition: ScorecardDefinition): ScorecardItem[] {
  return definition.sections.flatMap((section) => section.items);
}

/** Problems with answers against a definition (unknown items, N/A not allowed, scores off the scale). */
export function answerProblems(definition: ScorecardDefinition, answers: Record<string, ItemAnswer>): { path: string; message: string }[] {
  const items = new Map(itemsOf(definition).map((item) => [item.key, item]));
  const problems: { path: string; message: string }[] = [];
  for (const [key, answer] of Object.entries(answers)) {
    const item = items.get(key);
    if (!item) {
      problems.push({ path: `answers.${key}`, message: 'not an item of this scorecard version' });
      continue;
    }
    if (answer.not_applicable) {
      if (!item.allow_na) problems.push({ path: `answers.${key}`, message: 'this item cannot be marked not applicable' });
      else if (answer.score !== null) problems.push({ path: `answers.${key}.score`, message: 'give a score or N/A, not both' });
    } else if (answer.score !== null && (!Number.isInteger(answer.score) || answer.score < 0 || answer.score > item.max_score)) {
      problems.push({ path: `answers.${key}.score`, message: `scored 0–${item.max_score}` });
    }
  }
  return problems;
}

function ratio(items: ScorecardItem[], answers: Record<string, ItemAnswer>): { earned: number; possible: number } {
  let earned = 0;
  let possible = 0;
  for (const item of items) {
    const answer = answers[item.key];
    if (!answer || answer.not_applicable || answer.score === null) continue;
    earned += item.weight * (answer.score / item.max_score);
    possible += item.weight;
  }
  return { earned, possible };
}

/** Scores a review (answers must have passed `answerProblems`); unanswered items count as not yet scored. */
export function scoreReview(definition: ScorecardDefinition, answers: Record<string, ItemAnswer>, passScore: number): ReviewScore {
  const items = itemsOf(definition);
  const unanswered = items.filter((item) => {
    const answer = answers[item.key];
    return !answer || (!answer.not_applicable && answer.score === null);
  });
  const failedItems = items.filter(
    (item) => item.auto_fail && answers[item.key]?.not_applicable !== true && answers[item.key]?.score === 0,
  );
  const sections = definition.sections.map((section) => {
    const { earned, possible } = ratio(section.items, answers);
    return {
      key: section.key,
      title: section.title,
      score: possible > 0 ? round2((100 * earned) / possible) : null,
      earned: round2(earned),
      possible,
    };
  });
  const { earned, possible } = ratio(items, answers);
  const autoFailed = failedItems.length > 0;
  const score = autoFailed ? 0 : possible > 0 ? round2((100 * earned) / possible) : null;
  return {
    score,
    auto_failed: autoFailed,
    failed_items: failedItems.map((item) => item.key),
    passed: score === null ? null : !autoFailed && score >= passScore,
    sections,
    unanswered: unanswered.map((item) => item.key),
  };
}
