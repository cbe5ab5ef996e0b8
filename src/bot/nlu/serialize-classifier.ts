import { z } from 'zod';
import type { ClassifierState } from './create-classifier.ts';
import { buildVectorizer } from './fit-vectorizer.ts';

const classifierJsonSchema = z.object({
  format: z.literal('baton-intent-classifier/1'),
  intents: z.array(z.string()).min(1),
  oosClass: z.boolean(),
  features: z.object({
    wordNgrams: z.number().int().min(1),
    charMin: z.number().int().min(1),
    charMax: z.number().int().min(0),
    stem: z.boolean(),
  }),
  vectorizer: z.object({
    wordIds: z.string(),
    charIds: z.string(),
    idf: z.string(),
    unknownIdf: z.number(),
    charWeight: z.number().min(0).max(1),
    // absent in caches written before the option existed: those were all tf-idf
    weighting: z.enum(['tfidf', 'binary', 'binary-idf']).default('tfidf'),
  }),
  model: z.object({
    classes: z.number().int().min(1),
    width: z.number().int().min(0),
    weights: z.string(),
    bias: z.string(),
  }),
  temperature: z.number().positive(),
  threshold: z.number().min(0).max(1),
});

/** The cached form of a trained classifier. */
export type ClassifierJson = z.infer<typeof classifierJsonSchema>;

/** Turns a classifier's state into plain JSON (typed arrays as base64). */
export function serializeClassifier(state: ClassifierState): ClassifierJson {
  const v = state.vectorizer;
  return {
    format: 'baton-intent-classifier/1',
    intents: state.intents,
    oosClass: state.oosClass,
    features: state.features,
    vectorizer: {
      wordIds: encodeArray(v.wordIds),
      charIds: encodeArray(v.charIds),
      idf: encodeArray(v.idf),
      unknownIdf: v.unknownIdf,
      charWeight: v.charWeight,
      weighting: v.weighting,
    },
    model: {
      classes: state.model.classes,
      width: state.model.width,
      weights: encodeArray(state.model.weights),
      bias: encodeArray(state.model.bias),
    },
    temperature: state.temperature,
    threshold: state.threshold,
  };
}

/** Reads JSON written by `serializeClassifier` back into a state; throws a clear error when it is not one. */
export function deserializeClassifier(json: unknown): ClassifierState {
  const parsed = classifierJsonSchema.safeParse(json);
  if (!parsed.success) throw new Error(`not a Baton intent classifier: ${parsed.error.message}`);
  try {
    return rebuild(parsed.data);
  } catch (err) {
    throw new Error(`not a Baton intent classifier: ${(err as Error).message}`);
  }
}

function rebuild(j: ClassifierJson): ClassifierState {
  const vectorizer = buildVectorizer({
    wordIds: decodeUint32(j.vectorizer.wordIds),
    charIds: decodeUint32(j.vectorizer.charIds),
    idf: decodeFloat32(j.vectorizer.idf),
    unknownIdf: j.vectorizer.unknownIdf,
    charWeight: j.vectorizer.charWeight,
    weighting: j.vectorizer.weighting,
  });
  const model = {
    classes: j.model.classes,
    width: j.model.width,
    weights: decodeFloat32(j.model.weights),
    bias: decodeFloat32(j.model.bias),
  };
  const width = vectorizer.idf.length;
  const classes = j.intents.length + (j.oosClass ? 1 : 0);
  if (model.width !== width || model.classes !== classes || model.weights.length !== width * classes) {
    throw new Error('model and vocabulary sizes disagree');
  }
  return { ...j, vectorizer, model };
}

/** Encodes a typed array's bytes as base64 so a trained model fits in compact JSON. */
export function encodeArray(array: Float32Array | Uint32Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

/** Decodes base64 written by `encodeArray` into a Float32Array; throws when the bytes are not whole values. */
export function decodeFloat32(base64: string): Float32Array {
  return new Float32Array(wordBytes(base64));
}

/** Decodes base64 written by `encodeArray` into a Uint32Array; throws when the bytes are not whole values. */
export function decodeUint32(base64: string): Uint32Array {
  return new Uint32Array(wordBytes(base64));
}

function wordBytes(base64: string): ArrayBuffer {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.byteLength % 4 !== 0)
    throw new Error(`${bytes.byteLength} bytes is not a whole number of 4-byte values`);
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}
