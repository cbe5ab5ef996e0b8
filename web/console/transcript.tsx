import { useEffect, useLayoutEffect, useRef } from 'react';
import type { Message } from '../../src/protocol/conversation.ts';
import type { PendingMessage } from '../shared/message-log.ts';
import type { MaskedMessage } from './format-context.ts';
import { TranscriptMessage } from './transcript-message.tsx';

type Props = {
  messages: Message[];
  pending: PendingMessage[];
  agentId: string;
  /** Messages the context package masked personal data in, by seq: shown masked. */
  masked: ReadonlyMap<number, MaskedMessage>;
  onRetry: (clientMessageId: string) => void;
  onDiscard: (clientMessageId: string) => void;
};

/** The conversation's messages in order, then the ones still being sent; sticks to the bottom as they arrive. */
export function Transcript({ messages, pending, agentId, masked, onRetry, onDiscard }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const atEnd = useRef(true);
  const shown = new Set(messages.map((m) => m.clientMessageId).filter(Boolean));
  const waiting = pending.filter((p) => !shown.has(p.clientMessageId));

  useLayoutEffect(() => {
    const el = box.current;
    if (el && atEnd.current) el.scrollTop = el.scrollHeight;
  });

  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const onScroll = () => {
      atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
    };
    el.addEventListener('scroll', onScroll);
    return () => el.removeEventListener('scroll', onScroll);
  }, []);

  return (
    <div className="transcript" ref={box} role="log" aria-live="polite" aria-label="Transcript">
      {messages.length === 0 && waiting.length === 0 && <p className="muted center">No messages yet.</p>}
      {messages.map((m, i) => (
        <TranscriptMessage
          key={m.seq}
          author={m.authorKind}
          mine={m.authorKind === 'agent' && m.authorId === agentId}
          text={m.text}
          masked={masked.get(m.seq)}
          internal={m.internal}
          createdAt={m.createdAt}
          first={i === 0 || !sameRun(messages[i - 1]!, m)}
        />
      ))}
      {waiting.map((p) => (
        <TranscriptMessage
          key={p.clientMessageId}
          author="agent"
          mine
          text={p.text}
          internal={p.internal}
          createdAt={p.createdAt}
          first
          pending={p}
          onRetry={() => onRetry(p.clientMessageId)}
          onDiscard={() => onDiscard(p.clientMessageId)}
        />
      ))}
    </div>
  );
}

function sameRun(a: Message, b: Message): boolean {
  return a.authorKind === b.authorKind && a.authorId === b.authorId && a.internal === b.internal;
}
