import type { Message } from '../../src/protocol/conversation.ts';

/** A message the client sent that the server has not stored yet (or stored, but not yet pushed back). */
export type PendingMessage = {
  clientMessageId: string;
  text: string;
  internal: boolean;
  status: 'sending' | 'failed';
  error: string | null;
  /** The server's error code when it refused the message. */
  errorCode?: string;
  /** Set once acknowledged: the seq the server gave it. */
  seq: number | null;
  createdAt: string;
};

const finalCodes = new Set([
  'MESSAGE_TOO_LONG',
  'VALIDATION_FAILED',
  'FORBIDDEN',
  'PAYLOAD_TOO_LARGE',
  'ILLEGAL_TRANSITION',
]);

/** Whether sending the same message again could succeed (a rate limit or outage can pass; a too-long text cannot). */
export function canRetry(p: Pick<PendingMessage, 'errorCode'>): boolean {
  return !p.errorCode || !finalCodes.has(p.errorCode);
}

/** Adds messages to a seq-ordered log, replacing any entry with the same seq (so replays never double). */
export function mergeMessages(log: readonly Message[], incoming: readonly Message[]): Message[] {
  if (incoming.length === 0) return log as Message[];
  const bySeq = new Map<number, Message>();
  for (const m of log) bySeq.set(m.seq, m);
  for (const m of incoming) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** Drops pending entries the log now holds (matched by clientMessageId or by acknowledged seq). */
export function settlePending(pending: readonly PendingMessage[], log: readonly Message[]): PendingMessage[] {
  if (pending.length === 0) return pending as PendingMessage[];
  const ids = new Set<string>();
  const seqs = new Set<number>();
  for (const m of log) {
    seqs.add(m.seq);
    if (m.clientMessageId) ids.add(m.clientMessageId);
  }
  const left = pending.filter((p) => !ids.has(p.clientMessageId) && !(p.seq !== null && seqs.has(p.seq)));
  return left.length === pending.length ? (pending as PendingMessage[]) : left;
}

/** The highest seq in a log, or 0: the cursor to resubscribe from. */
export function lastSeq(log: readonly Message[]): number {
  return log.length === 0 ? 0 : log[log.length - 1]!.seq;
}

/** The latest escalation decision recorded in a system message's metadata, or null. */
export function latestDecision(log: readonly Message[]): Record<string, unknown> | null {
  for (let i = log.length - 1; i >= 0; i--) {
    const m = log[i]!;
    const d = m.authorKind === 'system' ? m.metadata.decision : undefined;
    if (d && typeof d === 'object' && !Array.isArray(d)) return d as Record<string, unknown>;
  }
  return null;
}
