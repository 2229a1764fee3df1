import { tokenize } from './text-features.ts';

/**
 * Multinomial naive Bayes over word unigrams and bigrams with Laplace smoothing: the reference
 * the classifier is measured against.
 */
export class NaiveBayes {
  private readonly logPrior = new Map<number, number>();
  private readonly logLikelihood = new Map<number, Map<string, number>>();
  private readonly unseen = new Map<number, number>();
  private readonly vocabulary = new Set<string>();

  constructor(examples: { text: string; label: number }[], alpha = 1) {
    const counts = new Map<number, Map<string, number>>();
    const totals = new Map<number, number>();
    const documents = new Map<number, number>();
    const vocabulary = this.vocabulary;
    for (const { text, label } of examples) {
      documents.set(label, (documents.get(label) ?? 0) + 1);
      const perLabel = counts.get(label) ?? new Map<string, number>();
      counts.set(label, perLabel);
      for (const gram of grams(text)) {
        vocabulary.add(gram);
        perLabel.set(gram, (perLabel.get(gram) ?? 0) + 1);
        totals.set(label, (totals.get(label) ?? 0) + 1);
      }
    }
    for (const [label, perLabel] of counts) {
      const denominator = (totals.get(label) ?? 0) + alpha * vocabulary.size;
      this.logPrior.set(label, Math.log((documents.get(label) ?? 0) / examples.length));
      const logs = new Map<string, number>();
      for (const [gram, count] of perLabel) logs.set(gram, Math.log((count + alpha) / denominator));
      this.logLikelihood.set(label, logs);
      this.unseen.set(label, Math.log(alpha / denominator));
    }
  }

  predict(text: string): number {
    const words = grams(text).filter((gram) => this.vocabulary.has(gram));
    let best = Number.NaN;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (const [label, prior] of this.logPrior) {
      const logs = this.logLikelihood.get(label) as Map<string, number>;
      const unseen = this.unseen.get(label) as number;
      let score = prior;
      for (const gram of words) score += logs.get(gram) ?? unseen;
      if (score > bestScore) {
        bestScore = score;
        best = label;
      }
    }
    return best;
  }
}

function grams(text: string): string[] {
  const words = tokenize(text);
  const out = [...words];
  for (let i = 1; i < words.length; i++) out.push(`${words[i - 1]} ${words[i]}`);
  return out;
}
