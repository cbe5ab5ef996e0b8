import type { ContextToolResult, ContextView, TriedStep } from '../../src/protocol/context-package.ts';
import type { Message } from '../../src/protocol/conversation.ts';

type Tone = 'good' | 'bad' | 'neutral';

const triedResults: Record<TriedStep['result'], { label: string; tone: Tone }> = {
  answered: { label: 'Answered', tone: 'good' },
  found: { label: 'Found', tone: 'good' },
  completed: { label: 'Completed', tone: 'good' },
  in_progress: { label: 'In progress', tone: 'neutral' },
  not_found: { label: 'Not found', tone: 'bad' },
  error: { label: 'Error', tone: 'bad' },
  gave_up: { label: 'Gave up', tone: 'bad' },
  not_understood: { label: 'Not understood', tone: 'bad' },
};

/** How a step the bot tried ended, as a label and a tone for its badge. */
export function triedResult(result: TriedStep['result']): { label: string; tone: Tone } {
  return triedResults[result] ?? { label: result, tone: 'neutral' };
}

/** A tool lookup as rows of label and value: the fields of an object result, or its one value. */
export function toolResultRows(r: ContextToolResult): [string, string][] {
  if (!r.ok) return [['Error', r.error ?? 'the lookup failed']];
  const v = r.result;
  if (v === undefined || v === null) return [['Result', 'nothing found']];
  if (typeof v !== 'object' || Array.isArray(v)) return [['Result', shortValue(v)]];
  return Object.entries(v as Record<string, unknown>).map(([k, x]) => [
    k.replaceAll('_', ' '),
    shortValue(x),
  ]);
}

/** A value in one short line: strings as they are, numbers and booleans printed, anything else as JSON. */
export function shortValue(v: unknown, max = 120): string {
  const s = typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** What an offer card shows so the agent reads the context before accepting. */
export type OfferPreview = {
  topic: string | null;
  /** The package's one-line summary: what the customer wants. */
  summary: string | null;
  nextStep: string | null;
  /** The note left by whoever transferred the conversation, when it was transferred. */
  transferNote: string | null;
};

/** The offer card's preview from the context package and the conversation's messages (either may be missing). */
export function offerPreview(context: ContextView | null, messages: readonly Message[] = []): OfferPreview {
  return {
    topic: context?.summary?.topic?.label ?? null,
    summary: context?.summary ? oneLine(context.summary.customerWants) : null,
    nextStep: context?.nextStep?.text ?? null,
    transferNote: latestTransferNote(messages)?.text ?? null,
  };
}

/** The latest transfer note (an internal system message) in a conversation, or null. */
export function latestTransferNote(messages: readonly Message[]): Message | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.authorKind === 'system' && m.metadata.event === 'transfer_note') return m;
  }
  return null;
}

/** Masked text of one transcript message, as the package holds it, with where it sits there. */
export type MaskedMessage = { text: string; path: string };

/**
 * The transcript messages the package masked personal data in, by seq: the console shows these instead of
 * the raw messages, so a masked value looks the same (and is revealed the same way) everywhere.
 */
export function maskedTranscript(context: ContextView | null): ReadonlyMap<number, MaskedMessage> {
  const out = new Map<number, MaskedMessage>();
  if (!context?.transcript || context.redactions.length === 0) return out;
  const paths = new Set(context.redactions.map((r) => r.path));
  context.transcript.forEach((entry, i) => {
    const path = `transcript[${i}].text`;
    if (paths.has(path)) out.set(entry.seq, { text: entry.text, path });
  });
  return out;
}

/** The summary's outcome line, unless it only repeats the decision's headline reason (shown beside it). */
export function outcomeLine(outcome: string, headline: string | null | undefined): string | null {
  const o = outcome.trim();
  if (!o) return null;
  return headline && o.endsWith(headline.trim()) ? null : o;
}

/** Text on one line, cut at `max` characters on a word boundary. */
export function oneLine(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}
