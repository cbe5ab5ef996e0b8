import { checkTarget, type TargetPolicy } from '../platform/target-policy.ts';
import type { Pack } from '../protocol/pack.ts';
import { PackError, type PackIssue } from './pack-error.ts';

/**
 * Refuses a pack whose HTTP tools point at private addresses the policy does not allow. A name that does not
 * resolve yet passes: every call checks the address it connects to again.
 */
export async function checkToolTargets(pack: Pack, file: string, targets: TargetPolicy): Promise<void> {
  const issues: PackIssue[] = [];
  for (const [i, tool] of pack.tools.entries()) {
    if (tool.kind !== 'http') continue;
    const verdict = await checkTarget(tool.url.replaceAll('{{key}}', 'key'), targets);
    if (verdict.kind === 'refused') issues.push({ path: `tools[${i}].url`, message: verdict.reason });
  }
  if (issues.length > 0) throw new PackError(file, issues);
}
