/**
 * Text → sparse feature vector: hashed word unigrams and bigrams plus character 2–5-grams inside
 * word boundaries, sublinear term frequency, IDF weighted and L2 normalised. Hashing keeps the
 * model a fixed size whatever the vocabulary, so it can be stored and loaded in one piece.
 */

export interface SparseVector {
  indices: Uint32Array;
  values: Float32Array;
}

/** Lower-cased word tokens (letters and digits of any script). */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? [];
}

/** 32-bit FNV-1a. */
function hash(text: string, seed: number): number {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** Raw hashed counts of a text's n-grams (`bits` wide), before weighting. */
export function countFeatures(text: string, bits: number): Map<number, number> {
  const mask = (1 << bits) - 1;
  const counts = new Map<number, number>();
  const add = (gram: string, seed: number) => {
    const index = hash(gram, seed) & mask;
    counts.set(index, (counts.get(index) ?? 0) + 1);
  };
  const words = tokenize(text);
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    add(word, 1);
    if (i > 0) add(`${words[i - 1]} ${word}`, 2);
    const padded = ` ${word} `;
    for (let n = 2; n <= 5; n++) {
      for (let at = 0; at + n <= padded.length; at++) add(padded.slice(at, at + n), 3);
    }
  }
  return counts;
}

/** IDF per hashed feature from the training documents' counts (smoothed, as scikit-learn does). */
export function inverseDocumentFrequency(documents: Map<number, number>[], bits: number): Float32Array {
  const df = new Uint32Array(1 << bits);
  for (const counts of documents) for (const index of counts.keys()) df[index] = (df[index] as number) + 1;
  const idf = new Float32Array(1 << bits);
  const n = documents.length;
  for (let i = 0; i < idf.length; i++) idf[i] = Math.log((1 + n) / (1 + (df[i] as number))) + 1;
  return idf;
}

/** The weighted, normalised vector of one document's counts. */
export function weightFeatures(counts: Map<number, number>, idf: Float32Array): SparseVector {
  const indices = new Uint32Array(counts.size);
  const values = new Float32Array(counts.size);
  let at = 0;
  let norm = 0;
  for (const [index, count] of counts) {
    const value = (1 + Math.log(count)) * (idf[index] as number);
    indices[at] = index;
    values[at] = value;
    norm += value * value;
    at++;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) / norm;
  return { indices, values };
}

/** Cosine similarity of two normalised sparse vectors. */
export function cosine(a: SparseVector, b: SparseVector): number {
  const weights = new Map<number, number>();
  for (let i = 0; i < a.indices.length; i++) weights.set(a.indices[i] as number, a.values[i] as number);
  let dot = 0;
  for (let i = 0; i < b.indices.length; i++) dot += (weights.get(b.indices[i] as number) ?? 0) * (b.values[i] as number);
  return dot;
}
