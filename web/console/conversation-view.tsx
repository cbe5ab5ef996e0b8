import { useState } from 'react';
import type { Conversation } from '../../src/protocol/conversation.ts';
import type { ConsoleApi } from './api-client.ts';
import { ConversationHeader } from './conversation-header.tsx';
import { ReplyBox } from './reply-box.tsx';
import { Transcript } from './transcript.tsx';
import type { OpenConversation } from './use-conversation.ts';

type Props = {
  api: ConsoleApi;
  open: OpenConversation;
  agentId: string;
  onChanged: (c: Conversation) => void;
  onError: (err: unknown) => void;
};

export type ConversationAction = 'take' | 'resolve' | 'handBack';

/** The open conversation: header with actions, live transcript, and the reply box. */
export function ConversationView({ api, open, agentId, onChanged, onError }: Props) {
  const [busy, setBusy] = useState<ConversationAction | null>(null);
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

  async function act(action: ConversationAction) {
    if (!c) return;
    setBusy(action);
    setError(null);
    try {
      const res = await api[action](c.id);
      open.setConversation(res.conversation);
      onChanged(res.conversation);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      onError(err);
    } finally {
      setBusy(null);
    }
  }

  const mine = c.state === 'assigned' && c.assigneeId === agentId;
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
        agentId={agentId}
        onRetry={open.retry}
        onDiscard={open.discard}
      />
      <ReplyBox blockedReason={replyBlocked} closed={c.state === 'closed'} onSend={open.send} />
    </main>
  );
}
