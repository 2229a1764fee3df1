/** Hold-out figures of a classifier: accuracy, per-category precision/recall/F1, macro-F1, confusions. */
export interface CategoryFigures {
  category_id: number;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Evaluation {
  examples: number;
  accuracy: number;
  macro_f1: number;
  per_category: CategoryFigures[];
  /** The most frequent mistakes: actual category, predicted category, how often. */
  confusions: { actual_id: number; predicted_id: number; count: number }[];
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

export function evaluate(pairs: { actual: number; predicted: number }[], maxConfusions = 50): Evaluation {
  const categories = new Set<number>();
  const tp = new Map<number, number>();
  const predictedCount = new Map<number, number>();
  const actualCount = new Map<number, number>();
  const confusion = new Map<string, number>();
  let correct = 0;
  const bump = (map: Map<number, number>, key: number) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const { actual, predicted } of pairs) {
    categories.add(actual);
    categories.add(predicted);
    bump(actualCount, actual);
    bump(predictedCount, predicted);
    if (actual === predicted) {
      correct++;
      bump(tp, actual);
    } else {
      const key = `${actual}:${predicted}`;
      confusion.set(key, (confusion.get(key) ?? 0) + 1);
    }
  }
  const perCategory = [...categories]
    .filter((c) => actualCount.has(c))
    .sort((a, b) => a - b)
    .map((c) => {
      const hits = tp.get(c) ?? 0;
      const precision = hits / (predictedCount.get(c) || 1);
      const recall = hits / (actualCount.get(c) || 1);
      const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
      return { category_id: c, support: actualCount.get(c) ?? 0, precision: round(precision), recall: round(recall), f1: round(f1) };
    });
  const macro = perCategory.length ? perCategory.reduce((sum, c) => sum + c.f1, 0) / perCategory.length : 0;
  const confusions = [...confusion]
    .map(([key, count]) => {
      const [actual, predicted] = key.split(':').map(Number) as [number, number];
      return { actual_id: actual, predicted_id: predicted, count };
    })
    .sort((a, b) => b.count - a.count || a.actual_id - b.actual_id)
    .slice(0, maxConfusions);
  return {
    examples: pairs.length,
    accuracy: round(pairs.length ? correct / pairs.length : 0),
    macro_f1: round(macro),
    per_category: perCategory,
    confusions,
  };
}
