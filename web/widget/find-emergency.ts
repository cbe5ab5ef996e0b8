import type { Message } from '../../src/protocol/conversation.ts';

/** Whether a message is emergency guidance (the bot's reply to a detected emergency). */
export const isEmergency = (m: Pick<Message, 'metadata'>): boolean => m.metadata.emergency === true;

/** The latest emergency guidance in the conversation, to pin above everything else, or null when there is none. */
export function findEmergency(messages: readonly Pick<Message, 'text' | 'metadata'>[]): string | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (isEmergency(m)) return m.text;
  }
  return null;
}
