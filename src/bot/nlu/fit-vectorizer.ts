import type { FeatureCounts } from './extract-features.ts';
import type { SparseVector } from './fit-linear-svm.ts';

/** TF-IDF over the hashed features seen in training: sublinear tf, smooth idf, each block L2-normalised. */
export type Vectorizer = {
  wordIds: Uint32Array;
  charIds: Uint32Array;
  /** idf per column: word columns first, then character columns */
  idf: Float32Array;
  /** idf of a feature never seen in training: it still lowers the weight of the known ones */
  unknownIdf: number;
  /** share of the vector's squared norm given to the character block */
  charWeight: number;
  /** how a feature's count becomes a value (see `FeatureWeighting`) */
  weighting: FeatureWeighting;
  columns: Map<number, number>[];
};

/**
 * `tfidf`: (1 + ln tf) × idf. `binary`: 1 for every feature present (no tf, no idf).
 * `binary-idf`: idf alone. Each block is then L2-normalised to its share of the norm.
 */
export type FeatureWeighting = 'tfidf' | 'binary' | 'binary-idf';

/** Vectorizer options: features seen in fewer than `minDf` training texts are dropped. */
export type VectorizerOptions = { minDf: number; charWeight: number; weighting?: FeatureWeighting };

/**
 * Learns the columns and idf weights from the training texts' feature counts. Takes an iterable so the
 * caller can extract features one text at a time: keeping every text's counts alive through training
 * makes V8 pretenure those allocations, and then every later `classify` fills the old generation.
 */
export function fitVectorizer(docs: Iterable<FeatureCounts>, options: VectorizerOptions): Vectorizer {
  const wordDf = new Map<number, number>();
  const charDf = new Map<number, number>();
  let n = 0;
  for (const doc of docs) {
    n++;
    for (const id of doc.words.keys()) wordDf.set(id, (wordDf.get(id) ?? 0) + 1);
    for (const id of doc.chars.keys()) charDf.set(id, (charDf.get(id) ?? 0) + 1);
  }
  const keep = (df: Map<number, number>) =>
    [...df].filter(([, n]) => n >= options.minDf).sort((a, b) => a[0] - b[0]);
  const words = keep(wordDf);
  const chars = keep(charDf);
  const idf = new Float32Array(words.length + chars.length);
  [...words, ...chars].forEach(([, df], i) => {
    idf[i] = Math.log((1 + n) / (1 + df)) + 1;
  });
  return buildVectorizer({
    wordIds: Uint32Array.from(words, ([id]) => id),
    charIds: Uint32Array.from(chars, ([id]) => id),
    idf,
    unknownIdf: Math.log(1 + n) + 1,
    charWeight: options.charWeight,
    weighting: options.weighting ?? 'tfidf',
  });
}

/** Rebuilds the lookup tables of a vectorizer from its plain parts. */
export function buildVectorizer(parts: Omit<Vectorizer, 'columns'>): Vectorizer {
  const words = new Map<number, number>();
  for (const [i, id] of parts.wordIds.entries()) words.set(id, i);
  const chars = new Map<number, number>();
  for (const [i, id] of parts.charIds.entries()) chars.set(id, parts.wordIds.length + i);
  return { ...parts, columns: [words, chars] };
}

/** Number of columns of the vectors this vectorizer produces. */
export function vectorWidth(v: Vectorizer): number {
  return v.idf.length;
}

/** Turns a text's feature counts into a sparse TF-IDF row of unit-ish norm. */
export function vectorize(v: Vectorizer, doc: FeatureCounts): SparseVector {
  const index = new Int32Array(doc.words.size + doc.chars.size);
  const value = new Float32Array(index.length);
  let used = 0;
  const blocks = [doc.words, doc.chars];
  const useTf = v.weighting === 'tfidf';
  const useIdf = v.weighting !== 'binary';
  for (let b = 0; b < 2; b++) {
    const columns = v.columns[b]!;
    const start = used;
    let norm = 0;
    for (const [id, count] of blocks[b]!) {
      const col = columns.get(id);
      const tf = useTf ? 1 + Math.log(count) : 1;
      const w = useIdf ? tf * (col === undefined ? v.unknownIdf : v.idf[col]!) : tf;
      norm += w * w;
      if (col !== undefined) {
        index[used] = col;
        value[used++] = w;
      }
    }
    const share = b === 0 ? 1 - v.charWeight : v.charWeight;
    const scale = norm > 0 ? Math.sqrt(share / norm) : 0;
    for (let k = start; k < used; k++) value[k] = value[k]! * scale;
  }
  return { index: index.subarray(0, used), value: value.subarray(0, used) };
}
