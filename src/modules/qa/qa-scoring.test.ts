import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerProblems, type ItemAnswer, type ScorecardDefinition, scoreReview } from './qa-scoring.ts';

const card: ScorecardDefinition = {
  sections: [
    {
      key: 'tone',
      title: 'Tone',
      items: [
        { key: 'empathy', label: 'Empathy', weight: 2, max_score: 2 },
        { key: 'greeting', label: 'Greeting', weight: 1, max_score: 1, allow_na: true },
      ],
    },
    {
      key: 'resolution',
      title: 'Resolution',
      items: [
        { key: 'correct', label: 'Correct', weight: 3, max_score: 4 },
        { key: 'kb', label: 'KB', weight: 1, max_score: 1, allow_na: true },
        { key: 'data', label: 'Data protection', weight: 1, max_score: 1, auto_fail: true, allow_na: true },
      ],
    },
  ],
};

const s = (score: number): ItemAnswer => ({ score, not_applicable: false });
const na: ItemAnswer = { score: null, not_applicable: true };

describe('the QA score', () => {
  it('is 100 × Σ weight·(score/max) / Σ weight', () => {
    // empathy 1/2·2 = 1, greeting 1·1 = 1, correct 3/4·3 = 2.25, kb 0, data 1 → 5.25 / 8 = 65.625
    const result = scoreReview(card, { empathy: s(1), greeting: s(1), correct: s(3), kb: s(0), data: s(1) }, 80);
    expect(result.score).toBe(65.63);
    expect(result.passed).toBe(false);
    expect(result.auto_failed).toBe(false);
    expect(result.sections).toEqual([
      { key: 'tone', title: 'Tone', score: 66.67, earned: 2, possible: 3 },
      { key: 'resolution', title: 'Resolution', score: 65, earned: 3.25, possible: 5 },
    ]);
    expect(result.unanswered).toEqual([]);
  });

  it('leaves N/A items out of the denominator as well as the numerator', () => {
    // empathy 2, correct 3 → 5 of 5 weight points = 100, although greeting and kb are N/A
    const result = scoreReview(card, { empathy: s(2), greeting: na, correct: s(4), kb: na, data: s(1) }, 80);
    expect(result.score).toBe(100);
    expect(result.passed).toBe(true);
    const withKbZero = scoreReview(card, { empathy: s(2), greeting: na, correct: s(4), kb: s(0), data: s(1) }, 80);
    expect(withKbZero.score).toBe(85.71); // 6 / 7
  });

  it('is 0 when an auto-fail item fails, however good the rest', () => {
    const result = scoreReview(card, { empathy: s(2), greeting: s(1), correct: s(4), kb: s(1), data: s(0) }, 80);
    expect(result).toMatchObject({ score: 0, auto_failed: true, failed_items: ['data'], passed: false });
    // The sections still show what the reviewer found.
    expect(result.sections.map((x) => x.score)).toEqual([100, 80]); // 4 of 5: the failed item counts as 0 there
  });

  it('does not fail on an auto-fail item marked N/A', () => {
    const result = scoreReview(card, { empathy: s(2), greeting: s(1), correct: s(4), kb: s(1), data: na }, 80);
    expect(result).toMatchObject({ score: 100, auto_failed: false, passed: true });
  });

  it('has no score when every scored item is N/A, and lists unanswered items', () => {
    const result = scoreReview(card, { greeting: na, kb: na }, 80);
    expect(result.score).toBeNull();
    expect(result.passed).toBeNull();
    expect(result.unanswered).toEqual(['empathy', 'correct', 'data']);
  });

  it('passes exactly at the pass score', () => {
    // empathy 2·1 = 2, greeting 0, correct 3, kb 1, data 1 → 7 / 8 = 87.5
    expect(scoreReview(card, { empathy: s(2), greeting: s(0), correct: s(4), kb: s(1), data: s(1) }, 87.5).passed).toBe(true);
    expect(scoreReview(card, { empathy: s(2), greeting: s(0), correct: s(4), kb: s(1), data: s(1) }, 87.51).passed).toBe(false);
  });

  it('stays between 0 and 100 and is monotone in every item (property)', () => {
    const answer = (max: number, allowNa: boolean) => fc.oneof(fc.integer({ min: 0, max }).map(s), ...(allowNa ? [fc.constant(na)] : []));
    fc.assert(
      fc.property(
        fc.record({
          empathy: answer(2, false),
          greeting: answer(1, true),
          correct: answer(4, false),
          kb: answer(1, true),
          data: answer(1, true),
        }),
        (answers) => {
          const result = scoreReview(card, answers, 80);
          expect(result.score).not.toBeNull();
          expect(result.score as number).toBeGreaterThanOrEqual(0);
          expect(result.score as number).toBeLessThanOrEqual(100);
          if (answers.correct.score !== null && answers.correct.score < 4) {
            const better = scoreReview(card, { ...answers, correct: s(answers.correct.score + 1) }, 80);
            expect(better.score as number).toBeGreaterThanOrEqual(result.score as number);
          }
        },
      ),
      { seed: 20260302, numRuns: 300 },
    );
  });
});

describe('answers to a scorecard', () => {
  it('are refused for unknown items, N/A where not allowed, a score with N/A, and scores off the scale', () => {
    expect(answerProblems(card, { empathy: s(2), kb: na })).toEqual([]);
    expect(answerProblems(card, { nope: s(1) })).toEqual([{ path: 'answers.nope', message: 'not an item of this scorecard version' }]);
    expect(answerProblems(card, { empathy: na })[0]?.message).toContain('cannot be marked not applicable');
    expect(answerProblems(card, { kb: { score: 1, not_applicable: true } })[0]?.message).toContain('not both');
    expect(answerProblems(card, { empathy: s(3) })[0]?.message).toBe('scored 0–2');
    expect(answerProblems(card, { empathy: s(-1) })[0]?.message).toBe('scored 0–2');
    expect(answerProblems(card, { empathy: s(1.5) })[0]?.message).toBe('scored 0–2');
  });
});
