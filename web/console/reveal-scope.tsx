import { type ReactNode, useCallback, useMemo, useState } from 'react';
import type { Agent } from '../../src/protocol/agent.ts';
import type { Redaction } from '../../src/protocol/context-package.ts';
import type { ConsoleApi } from './api-client.ts';
import { type Masks, MasksProvider } from './masked-text.tsx';
import { RevealDialog } from './reveal-dialog.tsx';

type Props = {
  api: ConsoleApi;
  conversationId: string | null;
  redactions: readonly Redaction[];
  role: Agent['role'];
  onError: (err: unknown) => void;
  children: ReactNode;
};

const revealRoles = new Set<Agent['role']>(['supervisor', 'admin']);

/**
 * One conversation's masked values for everything inside it (transcript and context panel): which were
 * revealed, and the reveal dialog. Supervisors and admins get Reveal; the server checks the role again and
 * audits each reveal. Mount it per conversation, so nothing revealed carries over.
 */
export function RevealScope({ api, conversationId, redactions, role, onError, children }: Props) {
  const [revealed, setRevealed] = useState<ReadonlyMap<string, string>>(new Map());
  const [asking, setAsking] = useState<{ token: string; mask: string } | null>(null);
  const requestReveal = useCallback((token: string, mask: string) => setAsking({ token, mask }), []);
  const canReveal = revealRoles.has(role);
  const masks = useMemo<Masks>(
    () => ({ redactions, revealed, canReveal, requestReveal }),
    [redactions, revealed, canReveal, requestReveal],
  );
  return (
    <MasksProvider masks={masks}>
      {children}
      {asking && conversationId && (
        <RevealDialog
          api={api}
          conversationId={conversationId}
          token={asking.token}
          mask={asking.mask}
          onRevealed={(token, value) => setRevealed((prev) => new Map(prev).set(token, value))}
          onClose={() => setAsking(null)}
          onError={onError}
        />
      )}
    </MasksProvider>
  );
}
