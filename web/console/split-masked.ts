import type { Redaction } from '../../src/protocol/context-package.ts';

/** A piece of package text: plain, or a masked value with the token a reveal asks for. */
export type MaskedSegment =
  | { kind: 'text'; text: string }
  | { kind: 'mask'; mask: string; token: string; type: Redaction['type'] };

/**
 * Splits text from the context package into plain runs and masked values, so each mask can be shown as such
 * (and revealed). Masks recorded at `path` are matched first, in the order they were found there; a mask seen
 * elsewhere in the package (the same value quoted again) still matches. Where two masks start at the same
 * place the longer wins.
 */
export function splitMasked(text: string, redactions: readonly Redaction[], path?: string): MaskedSegment[] {
  const here = path ? redactions.filter((r) => r.path === path) : [];
  const queues = new Map<string, Redaction[]>();
  for (const r of [...here, ...redactions]) {
    const q = queues.get(r.mask) ?? [];
    if (!q.some((x) => x.token === r.token)) q.push(r);
    queues.set(r.mask, q);
  }
  const masks = [...queues.keys()].filter((m) => m !== '').sort((a, b) => b.length - a.length);
  const used = new Map<string, number>();
  const out: MaskedSegment[] = [];
  let at = 0;
  while (at < text.length && masks.length > 0) {
    let best: { index: number; mask: string } | null = null;
    for (const mask of masks) {
      const index = text.indexOf(mask, at);
      if (index !== -1 && (best === null || index < best.index)) best = { index, mask };
    }
    if (!best) break;
    if (best.index > at) out.push({ kind: 'text', text: text.slice(at, best.index) });
    const q = queues.get(best.mask)!;
    const n = used.get(best.mask) ?? 0;
    const r = q[Math.min(n, q.length - 1)]!;
    used.set(best.mask, n + 1);
    out.push({ kind: 'mask', mask: best.mask, token: r.token, type: r.type });
    at = best.index + best.mask.length;
  }
  if (at < text.length) out.push({ kind: 'text', text: text.slice(at) });
  return out;
}
