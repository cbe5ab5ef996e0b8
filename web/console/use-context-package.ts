import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContextView } from '../../src/protocol/context-package.ts';
import type { Conversation } from '../../src/protocol/conversation.ts';
import type { ConsoleApi } from './api-client.ts';

export type ContextPackageState = {
  context: ContextView | null;
  /** How many handoffs the conversation has had (0: none yet, so no package). */
  handoffs: number;
  loading: boolean;
  error: string | null;
  reload: () => void;
};

/**
 * The open conversation's context package, fetched again whenever the conversation moves (handed off,
 * assigned, transferred, requeued), so a new handoff's package replaces the old one. The last package stays
 * on screen while a newer one loads.
 */
export function useContextPackage(
  api: ConsoleApi,
  conversation: Conversation | null,
  onError: (err: unknown) => void,
): ContextPackageState {
  const [state, setState] = useState<Omit<ContextPackageState, 'reload'>>({
    context: null,
    handoffs: 0,
    loading: false,
    error: null,
  });
  const [attempt, setAttempt] = useState(0);
  const shownFor = useRef<string | null>(null);
  const id = conversation?.id ?? null;
  const moment = conversation
    ? `${conversation.state}|${conversation.team}|${conversation.assigneeId}|${conversation.queuedAt}`
    : '';

  // biome-ignore lint/correctness/useExhaustiveDependencies: `moment` and `attempt` only trigger a refetch
  useEffect(() => {
    if (!id) {
      shownFor.current = null;
      setState({ context: null, handoffs: 0, loading: false, error: null });
      return undefined;
    }
    let live = true;
    if (shownFor.current !== id) {
      shownFor.current = id;
      setState({ context: null, handoffs: 0, loading: true, error: null });
    } else {
      setState((s) => ({ ...s, loading: true }));
    }
    api.context(id).then(
      (res) => {
        if (live) setState({ context: res.context, handoffs: res.handoffs, loading: false, error: null });
      },
      (err: unknown) => {
        if (!live) return;
        setState((s) => ({ ...s, loading: false, error: err instanceof Error ? err.message : String(err) }));
        onError(err);
      },
    );
    return () => {
      live = false;
    };
  }, [api, id, moment, attempt, onError]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
