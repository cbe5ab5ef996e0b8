import { parsePack } from '../bot/parse-pack.ts';
import { policyChecks } from '../escalation/check-policy.ts';
import { type EscalationPack, toEscalationPack } from '../escalation/escalation-pack.ts';
import type { PackDocument } from '../protocol/learning.ts';
import type { Pack } from '../protocol/pack.ts';
import { documentTexts } from './pack-document-files.ts';

/** Validates a pack document exactly as a pack folder is validated at load (throws PackError). */
export function documentToPack(doc: PackDocument, file = 'pack.yaml'): Pack {
  const texts = documentTexts(doc);
  return parsePack(texts.pack, file, {
    lexicon: texts.lexicon === null ? undefined : { text: texts.lexicon, file: 'lexicon.yaml' },
    checks: policyChecks,
  });
}

/** The escalation view of a pack document (validated first). */
export function documentToEscalation(doc: PackDocument): EscalationPack {
  return toEscalationPack(documentToPack(doc));
}
