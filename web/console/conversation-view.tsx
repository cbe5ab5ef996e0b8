import { useState } from 'react';
import type { Agent } from '../../src/protocol/agent.ts';
import type { Conversation } from '../../src/protocol/conversation.ts';
import type { ConsoleApi, Macro } from './api-client.ts';
import { ConversationHeader } from './conversation-header.tsx';
import { customerName } from './format.ts';
import type { MaskedMessage } from './format-context.ts';
import { HandBackDialog } from './hand-back-dialog.tsx';
import { LabelDialog } from './label-dialog.tsx';
import { ReplyBox } from './reply-box.tsx';
import { Transcript } from './transcript.tsx';
import { TransferDialog } from './transfer-dialog.tsx';
import type { OpenConversation } from './use-conversation.ts';
import type { HandoffLabelState } from './use-handoff-label.ts';

type Props = {
  api: ConsoleApi;
  open: OpenConversation;
  me: Agent;
  macros: readonly Macro[];
  /** Messages the context package masked personal data in, by seq. */
  masked: ReadonlyMap<number, MaskedMessage>;
  label: HandoffLabelState;
  onChanged: (c: Conversation) => void;
  onError: (err: unknown) => void;
};

export type ConversationAction = 'take' | 'resolve' | 'handBack' | 'transfer';

/** The open conversation: header with actions (and their dialogs), live transcript, and the reply box. */
export function ConversationView({ api, open, me, macros, masked, label, onChanged, onError }: Props) {
  const [busy, setBusy] = useState<ConversationAction | null>(null);
  const [dialog, setDialog] = useState<'transfer' | 'handBack' | 'label' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const c = open.conversation;

  if (!c) {
    return (
      <main className="conversation conversation-empty">
        {open.loading ? (
          <p className="muted">Loading conversation…</p>
        ) : open.error ? (
          <p className="inline-error" role="alert">
            {open.error}
          </p>
        ) : (
          <div className="empty">
            <div className="empty-art" aria-hidden="true" />
            <h2>Pick a conversation</h2>
            <p className="muted">
              Choose one from the inbox to read it, take it over from the bot, and reply.
            </p>
          </div>
        )}
      </main>
    );
  }

  const changed = (next: Conversation) => {
    open.setConversation(next);
    onChanged(next);
  };

  async function act(action: ConversationAction) {
    if (!c) return;
    if (action === 'transfer' || action === 'handBack') {
      setDialog(action);
      return;
    }
    setBusy(action);
    setError(null);
    // Resolving a conversation a person held asks how the handoff went.
    const handedOff = action === 'resolve' && c.state === 'assigned';
    try {
      changed((await api[action](c.id)).conversation);
      if (handedOff) setDialog('label');
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      onError(err);
    } finally {
      setBusy(null);
    }
  }

  const mine = c.state === 'assigned' && c.assigneeId === me.id;
  const replyBlocked =
    c.state === 'closed'
      ? 'This conversation is closed.'
      : c.state === 'resolved'
        ? 'This conversation is resolved. You can still add internal notes.'
        : mine
          ? null
          : c.state === 'assigned'
            ? 'Another agent has this conversation. You can still add internal notes.'
            : 'Take over to reply to the customer. You can add internal notes now.';

  return (
    <main className="conversation" aria-label="Conversation">
      <ConversationHeader conversation={c} customer={open.customer} mine={mine} busy={busy} onAction={act} />
      {error && (
        <div className="banner-error" role="alert">
          <span>{error}</span>
          <button type="button" className="link" onClick={() => setError(null)} aria-label="Dismiss error">
            Dismiss
          </button>
        </div>
      )}
      <Transcript
        messages={open.messages}
        pending={open.pending}
        agentId={me.id}
        masked={masked}
        onRetry={open.retry}
        onDiscard={open.discard}
      />
      {open.customerTyping !== false && (
        <p className="typing-note" role="status">
          {open.customerTyping ?? customerName(open.customer, c.id)} is typing…
        </p>
      )}
      <ReplyBox
        blockedReason={replyBlocked}
        closed={c.state === 'closed'}
        macros={macros}
        onSend={open.send}
        onDraft={mine ? open.draft : undefined}
        focusOnOpen={c.state === 'assigned' && c.assigneeId === me.id}
      />
      {dialog === 'transfer' && (
        <TransferDialog
          api={api}
          conversation={c}
          me={me}
          onTransferred={(next) => {
            setDialog(null);
            changed(next);
          }}
          onClose={() => setDialog(null)}
          onError={onError}
        />
      )}
      {dialog === 'handBack' && (
        <HandBackDialog
          api={api}
          conversationId={c.id}
          onHandedBack={(next) => {
            setDialog(null);
            changed(next);
          }}
          onClose={() => setDialog(null)}
          onError={onError}
        />
      )}
      {dialog === 'label' && (
        <LabelDialog
          initial={label.label}
          onSave={label.save}
          onClose={() => setDialog(null)}
          onError={onError}
          teams={label.teams}
          team={label.team}
        />
      )}
    </main>
  );
}
