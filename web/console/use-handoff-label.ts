import { useCallback, useEffect, useState } from 'react';
import type { HandoffLabel } from '../../src/protocol/analytics.ts';
import type { Conversation } from '../../src/protocol/conversation.ts';
import type { ConsoleApi, LabelInput } from './api-client.ts';

export type HandoffLabelState = {
  /** The conversation was handed to a person, so its handoff can be labelled. */
  labellable: boolean;
  label: HandoffLabel | null;
  loading: boolean;
  error: string | null;
  /** Posts the label; throws the ApiError when the server refuses. */
  save: (input: LabelInput) => Promise<void>;
  /** The teams it could have gone to instead (for "the right team"), and the team it went to. */
  teams: { id: string; name: string }[];
  team: string | null;
};

/** Whether a conversation's handoff can be labelled: while a person holds it, or once ended after one joined. */
export function isLabellable(c: Conversation | null): boolean {
  if (!c) return false;
  return (
    c.state === 'assigned' || ((c.state === 'resolved' || c.state === 'closed') && c.assignedAt !== null)
  );
}

/** The open conversation's handoff label (was a person needed, was the reason right), loaded and saved. */
export function useHandoffLabel(
  api: ConsoleApi,
  conversation: Conversation | null,
  onError: (err: unknown) => void,
): HandoffLabelState {
  const id = conversation?.id ?? null;
  const labellable = isLabellable(conversation);
  const [state, setState] = useState<{
    for: string | null;
    label: HandoffLabel | null;
    loading: boolean;
    error: string | null;
  }>({
    for: null,
    label: null,
    loading: false,
    error: null,
  });

  useEffect(() => {
    if (!id || !labellable) return undefined;
    let live = true;
    setState((s) =>
      s.for === id ? { ...s, loading: true } : { for: id, label: null, loading: true, error: null },
    );
    api.label(id).then(
      (res) => {
        if (live) setState({ for: id, label: res.label, loading: false, error: null });
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
  }, [api, id, labellable, onError]);

  const [teams, setTeams] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    if (!labellable) return undefined;
    let live = true;
    api.transferTargets().then(
      (res) => live && setTeams(res.teams.map((t) => ({ id: t.id, name: t.name }))),
      // Without the list the form still works: the team question just has no picker.
      () => {},
    );
    return () => {
      live = false;
    };
  }, [api, labellable]);

  const save = useCallback(
    async (input: LabelInput) => {
      if (!id) return;
      const res = await api.saveLabel(id, input);
      setState({ for: id, label: res.label, loading: false, error: null });
    },
    [api, id],
  );

  const current = state.for === id;
  return {
    labellable,
    label: current ? state.label : null,
    loading: current && state.loading,
    error: current ? state.error : null,
    save,
    teams,
    team: conversation?.team ?? null,
  };
}
