import { countFeatures, inverseDocumentFrequency, type SparseVector, weightFeatures } from './text-features.ts';

/**
 * Multinomial logistic regression over hashed n-grams, trained by stochastic gradient descent with
 * L2 regularisation (Bottou's schedule, lazy weight decay through a scale factor). Weights are laid
 * out feature-major so scoring one document reads each of its features' class weights contiguously.
 */
export interface TrainOptions {
  bits?: number;
  epochs?: number;
  lambda?: number;
  eta0?: number;
  seed?: number;
}

export interface TrainingExample {
  text: string;
  label: number;
  weight?: number;
}

export interface Prediction {
  label: number;
  confidence: number;
}

export class TextClassifier {
  constructor(
    readonly bits: number,
    readonly labels: number[],
    readonly idf: Float32Array,
    /** feature-major: weights[feature * classes + class] */
    readonly weights: Float32Array,
    readonly bias: Float32Array,
  ) {}

  vector(text: string): SparseVector {
    return weightFeatures(countFeatures(text, this.bits), this.idf);
  }

  /** Each class's probability for a text. */
  probabilities(text: string): Float64Array {
    return softmax(scores(this.vector(text), this.weights, this.bias, this.labels.length, 1));
  }

  predict(text: string): Prediction {
    const p = this.probabilities(text);
    let best = 0;
    for (let k = 1; k < p.length; k++) if ((p[k] as number) > (p[best] as number)) best = k;
    return { label: this.labels[best] as number, confidence: p[best] as number };
  }

  /** A compact binary form: a JSON header, then the IDF, the bias and int8 weights with one scale per feature. */
  serialize(): Buffer {
    const classes = this.labels.length;
    const features = 1 << this.bits;
    const scales = new Float32Array(features);
    const quantised = new Int8Array(features * classes);
    for (let f = 0; f < features; f++) {
      let max = 0;
      for (let k = 0; k < classes; k++) max = Math.max(max, Math.abs(this.weights[f * classes + k] as number));
      const scale = max / 127;
      scales[f] = scale;
      if (scale === 0) continue;
      for (let k = 0; k < classes; k++) quantised[f * classes + k] = Math.round((this.weights[f * classes + k] as number) / scale);
    }
    const header = Buffer.from(JSON.stringify({ format: 1, bits: this.bits, labels: this.labels }));
    const length = Buffer.alloc(4);
    length.writeUInt32LE(header.length);
    return Buffer.concat([length, header, bytes(this.idf), bytes(this.bias), bytes(scales), Buffer.from(quantised.buffer)]);
  }

  static deserialize(buffer: Buffer): TextClassifier {
    const headerLength = buffer.readUInt32LE(0);
    const header = JSON.parse(buffer.subarray(4, 4 + headerLength).toString('utf8')) as { format: number; bits: number; labels: number[] };
    if (header.format !== 1) throw new Error(`unknown model format ${header.format}`);
    const features = 1 << header.bits;
    const classes = header.labels.length;
    let at = 4 + headerLength;
    const floats = (n: number) => {
      const copy = new Float32Array(n);
      new Uint8Array(copy.buffer).set(buffer.subarray(at, at + n * 4));
      at += n * 4;
      return copy;
    };
    const idf = floats(features);
    const bias = floats(classes);
    const scales = floats(features);
    const quantised = new Int8Array(buffer.buffer.slice(buffer.byteOffset + at, buffer.byteOffset + at + features * classes));
    const weights = new Float32Array(features * classes);
    for (let f = 0; f < features; f++) {
      const scale = scales[f] as number;
      if (scale === 0) continue;
      for (let k = 0; k < classes; k++) weights[f * classes + k] = (quantised[f * classes + k] as number) * scale;
    }
    return new TextClassifier(header.bits, header.labels, idf, weights, bias);
  }
}

function bytes(array: Float32Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

function scores(x: SparseVector, weights: Float32Array, bias: Float32Array, classes: number, scale: number): Float64Array {
  const z = new Float64Array(classes);
  for (let i = 0; i < x.indices.length; i++) {
    const base = (x.indices[i] as number) * classes;
    const value = (x.values[i] as number) * scale;
    for (let k = 0; k < classes; k++) z[k] = (z[k] as number) + value * (weights[base + k] as number);
  }
  for (let k = 0; k < classes; k++) z[k] = (z[k] as number) + (bias[k] as number);
  return z;
}

function softmax(z: Float64Array): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of z) max = Math.max(max, v);
  let sum = 0;
  for (let k = 0; k < z.length; k++) {
    z[k] = Math.exp((z[k] as number) - max);
    sum += z[k] as number;
  }
  for (let k = 0; k < z.length; k++) z[k] = (z[k] as number) / sum;
  return z;
}

/** A small seeded generator (mulberry32), so training is reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Trains a classifier on labelled texts; labels are any integers (category ids). */
export function trainClassifier(examples: TrainingExample[], options: TrainOptions = {}): TextClassifier {
  const bits = options.bits ?? 16;
  const epochs = options.epochs ?? 6;
  const lambda = options.lambda ?? 1e-5;
  const eta0 = options.eta0 ?? 1;
  const random = seededRandom(options.seed ?? 42);
  const labels = [...new Set(examples.map((e) => e.label))].sort((a, b) => a - b);
  const classOf = new Map(labels.map((label, k) => [label, k]));
  const classes = labels.length;
  const counts = examples.map((e) => countFeatures(e.text, bits));
  const idf = inverseDocumentFrequency(counts, bits);
  const vectors = counts.map((c) => weightFeatures(c, idf));
  const weights = new Float32Array((1 << bits) * classes);
  const bias = new Float32Array(classes);
  let scale = 1;
  let t = 0;
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const n of order) {
      const x = vectors[n] as SparseVector;
      const example = examples[n] as TrainingExample;
      const target = classOf.get(example.label) as number;
      const eta = eta0 / (1 + eta0 * lambda * t++);
      const p = softmax(scores(x, weights, bias, classes, scale));
      scale *= 1 - eta * lambda;
      const step = (eta * (example.weight ?? 1)) / scale;
      for (let i = 0; i < x.indices.length; i++) {
        const base = (x.indices[i] as number) * classes;
        const value = (x.values[i] as number) * step;
        for (let k = 0; k < classes; k++) {
          const gradient = (p[k] as number) - (k === target ? 1 : 0);
          if (gradient !== 0) weights[base + k] = (weights[base + k] as number) - value * gradient;
        }
      }
      for (let k = 0; k < classes; k++) bias[k] = (bias[k] as number) - eta * 0.1 * ((p[k] as number) - (k === target ? 1 : 0));
      if (scale < 1e-6) {
        for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] as number) * scale;
        scale = 1;
      }
    }
  }
  if (scale !== 1) for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] as number) * scale;
  return new TextClassifier(bits, labels, idf, weights, bias);
}
