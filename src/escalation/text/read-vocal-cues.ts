/**
 * Channels whose messages are transcripts of speech: a transcriber marks how something was said between
 * brackets ("[raised voice]", "(crying)", "*sighs*"), and those marks are signals, not words of the customer.
 */
export const spokenChannels: readonly string[] = ['voice', 'phone', 'call'];

/** Whether messages on this channel are transcripts of speech. */
export function isSpoken(channel: string | undefined): boolean {
  return channel !== undefined && spokenChannels.includes(channel.toLowerCase());
}

const annotation = /\[([^[\]]{1,60})\]|\(([^()]{1,60})\)|\*([^*]{1,60})\*|<([^<>]{1,60})>/g;

/**
 * The non-verbal marks of a transcript line, lowercased and trimmed, in order ("[Raised voice]" -> "raised voice").
 * Marks that look like written parentheticals (digits, several sentences) are not cues.
 */
export function readVocalCues(text: string): string[] {
  const cues: string[] = [];
  for (const m of text.matchAll(annotation)) {
    const inner = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').trim().toLowerCase();
    if (inner.length < 3 || /\d/.test(inner) || /[.!?].+\S/.test(inner)) continue;
    if (inner.split(/\s+/).length > 5) continue;
    cues.push(inner.replace(/\s+/g, ' '));
  }
  return cues;
}
