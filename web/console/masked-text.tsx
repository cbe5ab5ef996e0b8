import { createContext, type ReactNode, useContext, useMemo } from 'react';
import type { Redaction } from '../../src/protocol/context-package.ts';
import { splitMasked } from './split-masked.ts';

/** What masked text needs to know: the package's redactions, what was revealed, and who may reveal. */
export type Masks = {
  redactions: readonly Redaction[];
  /** Values revealed in this session, by token. */
  revealed: ReadonlyMap<string, string>;
  /** Supervisors and admins: a Reveal button on each mask. */
  canReveal: boolean;
  requestReveal: (token: string, mask: string) => void;
};

const MasksContext = createContext<Masks>({
  redactions: [],
  revealed: new Map(),
  canReveal: false,
  requestReveal: () => undefined,
});

/** Gives the masked texts inside it the package's redactions and the reveal action. */
export function MasksProvider({ masks, children }: { masks: Masks; children: ReactNode }) {
  return <MasksContext.Provider value={masks}>{children}</MasksContext.Provider>;
}

/** The masks in effect: the package's redactions, what was revealed, and whether this user may reveal. */
export function useMasks(): Masks {
  return useContext(MasksContext);
}

/** Package text with each masked value shown as a mask (or, once revealed, the value), with Reveal for those allowed. */
export function MaskedText({ text, path }: { text: string; path?: string }) {
  const masks = useContext(MasksContext);
  const segments = useMemo(() => splitMasked(text, masks.redactions, path), [text, masks.redactions, path]);
  if (segments.every((s) => s.kind === 'text')) return <>{text}</>;
  return (
    <>
      {segments.map((s, i) =>
        s.kind === 'text' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments have no identity beyond their place
          <span key={i}>{s.text}</span>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the same mask may appear twice
          <MaskChip key={i} mask={s.mask} token={s.token} />
        ),
      )}
    </>
  );
}

/** One masked value: the mask, the revealed value, or the mask with a Reveal button. */
export function MaskChip({ mask, token }: { mask: string; token: string }) {
  const masks = useContext(MasksContext);
  const value = masks.revealed.get(token);
  if (value !== undefined) {
    return (
      <span className="mask mask-revealed" title="Revealed for you; the reveal was audited">
        {value}
      </span>
    );
  }
  return (
    <span className="mask" data-token={token}>
      <span className="mask-text">{mask}</span>
      {masks.canReveal && (
        <button
          type="button"
          className="mask-reveal"
          aria-label={`Reveal ${mask}`}
          onClick={() => masks.requestReveal(token, mask)}
        >
          Reveal
        </button>
      )}
    </span>
  );
}
