import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Conversation, Customer, Message } from '../../src/protocol/conversation.ts';
import { typingExpiryMs } from '../../src/protocol/typing.ts';
import { newClientId } from '../shared/client-id.ts';
import { lastSeq, mergeMessages, type PendingMessage, settlePending } from '../shared/message-log.ts';
import { asSentence } from '../shared/request-json.ts';
import { TypingSignal } from '../shared/typing-signal.ts';
import type { ConsoleApi } from './api-client.ts';
import type { ConsoleSocket } from './console-socket.ts';

export type ConversationState = {
  conversation: Conversation | null;
  customer: Customer | null;
  messages: Message[];
  pending: PendingMessage[];
  loading: boolean;
  error: string | null;
  /** The customer is typing: their name when the server knows it, else null; false when not typing. */
  customerTyping: string | null | false;
};

export type OpenConversation = ConversationState & {
  send: (text: string, internal: boolean) => void;
  retry: (clientMessageId: string) => void;
  discard: (clientMessageId: string) => void;
  /** Replaces the conversation after an action answered with it. */
  setConversation: (c: Conversation) => void;
  /** The reply draft changed: the customer sees the agent typing (never for an internal note). */
  draft: (text: string, internal: boolean) => void;
};

const empty: ConversationState = {
  conversation: null,
  customer: null,
  messages: [],
  pending: [],
  loading: false,
  error: null,
  customerTyping: false,
};

/** One conversation, live: loads it, subscribes to its messages, and sends replies and notes until acknowledged. */
export function useConversation(
  api: ConsoleApi,
  socket: ConsoleSocket,
  id: string | null,
  agentId: string,
  onError: (err: unknown) => void,
): OpenConversation {
  const [state, setState] = useState<ConversationState>(empty);
  const ref = useRef(state);
  ref.current = state;
  // Highest seq the server itself delivered (acks do not count): where to resume after a reconnect.
  const cursor = useRef(0);

  useEffect(() => {
    if (!id) {
      setState(empty);
      return undefined;
    }
    let live = true;
    cursor.current = 0;
    setState({ ...empty, loading: true });
    api.conversation(id).then(
      (res) => {
        if (!live) return;
        cursor.current = Math.max(cursor.current, lastSeq(res.messages));
        setState((s) => {
          const messages = mergeMessages(s.messages, res.messages);
          return { ...s, ...res, messages, pending: settlePending(s.pending, messages), loading: false };
        });
        socket.subscribe(id, () => cursor.current);
      },
      (err: unknown) => {
        if (!live) return;
        setState({ ...empty, error: err instanceof Error ? err.message : String(err) });
        onError(err);
      },
    );
    return () => {
      live = false;
      socket.unsubscribe(id);
    };
  }, [api, socket, id, onError]);

  const typingTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const showTyping = useCallback((who: string | null | false) => {
    if (typingTimer.current) clearTimeout(typingTimer.current);
    typingTimer.current = null;
    // No news for a while means the customer stopped (their "stopped" may never come, e.g. a closed tab).
    if (who !== false) typingTimer.current = setTimeout(() => showTyping(false), typingExpiryMs);
    setState((s) => (s.customerTyping === who ? s : { ...s, customerTyping: who }));
  }, []);
  useEffect(() => () => showTyping(false), [showTyping]);

  const signal = useMemo(() => (id ? new TypingSignal((t) => socket.typing(id, t)) : null), [socket, id]);
  useEffect(() => () => signal?.stop(), [signal]);
  const draft = useCallback(
    (text: string, internal: boolean) => signal?.input(internal ? '' : text),
    [signal],
  );

  const transmit = useCallback(
    (p: PendingMessage) => {
      if (id) socket.send(id, p.clientMessageId, p.text, p.internal);
    },
    [socket, id],
  );

  useEffect(
    () =>
      socket.on((event) => {
        if (!id) return;
        switch (event.type) {
          case 'ready':
            for (const p of ref.current.pending) if (p.status === 'sending' && p.seq === null) transmit(p);
            return;
          case 'typing':
            if (event.conversationId === id && event.authorKind === 'customer')
              showTyping(event.typing ? event.name : false);
            return;
          case 'message':
            if (event.message.conversationId !== id) return;
            // The customer's message is what they were typing.
            if (event.message.authorKind === 'customer') showTyping(false);
            cursor.current = Math.max(cursor.current, event.message.seq);
            setState((s) => {
              const messages = mergeMessages(s.messages, [event.message]);
              return { ...s, messages, pending: settlePending(s.pending, messages) };
            });
            return;
          case 'conversation':
            if (event.conversation.id !== id) return;
            setState((s) => ({ ...s, conversation: event.conversation }));
            // The host page may have named a visitor since: read the profile again while it has no name.
            if (ref.current.customer && !ref.current.customer.name)
              api.conversation(id).then(
                (res) => setState((s) => (s.conversation?.id === id ? { ...s, customer: res.customer } : s)),
                () => {},
              );
            return;
          case 'ack':
            if (event.conversationId === id) setState((s) => acknowledge(s, event, agentId));
            return;
          case 'error':
            if (event.ref && ref.current.pending.some((p) => p.clientMessageId === event.ref)) {
              setState((s) => ({
                ...s,
                pending: s.pending.map((p) =>
                  p.clientMessageId === event.ref
                    ? { ...p, status: 'failed', error: asSentence(event.message), errorCode: event.code }
                    : p,
                ),
              }));
            }
            return;
          default:
            return;
        }
      }),
    [api, socket, id, agentId, transmit, showTyping],
  );

  const send = useCallback(
    (text: string, internal: boolean) => {
      signal?.stop();
      const p: PendingMessage = {
        clientMessageId: newClientId(),
        text,
        internal,
        status: 'sending',
        error: null,
        seq: null,
        createdAt: new Date().toISOString(),
      };
      setState((s) => ({ ...s, pending: [...s.pending, p] }));
      transmit(p);
    },
    [transmit, signal],
  );

  const retry = useCallback(
    (clientMessageId: string) => {
      const p = ref.current.pending.find((x) => x.clientMessageId === clientMessageId);
      if (!p) return;
      const again: PendingMessage = { ...p, status: 'sending', error: null, errorCode: undefined };
      setState((s) => ({
        ...s,
        pending: s.pending.map((x) => (x.clientMessageId === clientMessageId ? again : x)),
      }));
      transmit(again);
    },
    [transmit],
  );

  const discard = useCallback((clientMessageId: string) => {
    setState((s) => ({ ...s, pending: s.pending.filter((x) => x.clientMessageId !== clientMessageId) }));
  }, []);

  const setConversation = useCallback((c: Conversation) => {
    setState((s) => (s.conversation?.id === c.id ? { ...s, conversation: c } : s));
  }, []);

  return { ...state, send, retry, discard, setConversation, draft };
}

/** Marks a pending message as stored; shows it in the log at once if the server has not pushed it yet. */
function acknowledge(
  s: ConversationState,
  ack: { clientMessageId: string; seq: number; messageId: string; conversationId: string },
  agentId: string,
): ConversationState {
  const p = s.pending.find((x) => x.clientMessageId === ack.clientMessageId);
  if (!p) return s;
  const pending = s.pending.map((x) => (x === p ? { ...x, seq: ack.seq } : x));
  const messages = s.messages.some((m) => m.seq === ack.seq)
    ? s.messages
    : mergeMessages(s.messages, [
        {
          id: ack.messageId,
          conversationId: ack.conversationId,
          seq: ack.seq,
          authorKind: 'agent',
          authorId: agentId,
          text: p.text,
          clientMessageId: p.clientMessageId,
          internal: p.internal,
          metadata: {},
          createdAt: p.createdAt,
        },
      ]);
  return { ...s, messages, pending: settlePending(pending, messages) };
}
