import { z } from 'zod';

/** A concept-set file: set names to lists of terms (the engine's `generic-lexicon.yaml`, a pack's `lexicon.yaml`). */
export const lexiconFileSchema = z.record(
  z.string().regex(/^[a-z][a-z0-9_]*$/, 'a set name is lower case letters, digits and _'),
  z.array(z.string().min(1)).min(1),
);
