import { describe, expect, it } from 'vitest';
import type { InferredLabel } from './infer-outcome-labels.ts';
import { resolveLabel } from './resolve-label.ts';

const inferred = (over: Partial<InferredLabel>): InferredLabel => ({
  source: 'macro_reply',
  needed: null,
  teamCorrect: null,
  rightTeam: null,
  earlier: null,
  strength: 0.4,
  evidence: '',
  ...over,
});

describe('resolveLabel', () => {
  it('knows nothing without labels', () => {
    expect(resolveLabel(null, [])).toMatchObject({ needed: null, sources: [], strength: 0 });
  });
  it("a person's label beats an inferred one", () => {
    const resolved = resolveLabel({ needed: true, teamCorrect: null, rightTeam: null, earlier: null }, [
      inferred({ needed: false }),
    ]);
    expect(resolved).toMatchObject({ needed: true, sources: ['agent'], strength: 1 });
  });
  it('fills what the person left open from the inferences, strongest first', () => {
    const resolved = resolveLabel({ needed: true, teamCorrect: null, rightTeam: null, earlier: null }, [
      inferred({ source: 'macro_reply', teamCorrect: true, strength: 0.3 }),
      inferred({ source: 'transfer', teamCorrect: false, rightTeam: 'cards', strength: 0.8 }),
    ]);
    expect(resolved).toMatchObject({
      needed: true,
      teamCorrect: false,
      rightTeam: 'cards',
      sources: ['agent', 'transfer'],
      strength: 0.8,
    });
  });
  it('is as strong as its weakest field', () => {
    const resolved = resolveLabel(null, [
      inferred({ source: 'abandoned', needed: true, strength: 0.4 }),
      inferred({ source: 'transfer', teamCorrect: false, strength: 0.8 }),
    ]);
    expect(resolved.strength).toBe(0.4);
  });
});
