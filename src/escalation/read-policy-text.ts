import { parse } from 'yaml';
import { type Policy, policySchema, resolvePolicy } from '../protocol/policy.ts';

/** A policy file that cannot be used: the message names each path and problem. */
export class PolicyFileError extends Error {
  override name = 'PolicyFileError';
}

/**
 * Reads a policy from YAML (or JSON) text, for `baton replay --policy FILE`: either a whole pack (its
 * `policy:` section is used) or the policy section itself. Throws PolicyFileError with readable issues.
 */
export function readPolicyText(text: string, file = 'policy'): Policy {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new PolicyFileError(`${file}: not valid YAML: ${(err as Error).message}`);
  }
  const section =
    doc && typeof doc === 'object' && 'policy' in doc && ('intents' in doc || Object.keys(doc).length === 1)
      ? (doc as { policy: unknown }).policy
      : doc;
  const parsed = policySchema.safeParse(section ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(top level)'}: ${i.message}`);
    throw new PolicyFileError(`${file}: invalid policy\n${issues.join('\n')}`);
  }
  return resolvePolicy(parsed.data);
}
