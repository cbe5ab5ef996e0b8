// Writes docs/policy-guide.md from the engine's data: `node bin/run-ts.js scripts/generate-policy-guide.ts`.
import { writeFileSync } from 'node:fs';
import { renderPolicyGuide } from '../src/escalation/policy-guide.ts';

writeFileSync(new URL('../docs/policy-guide.md', import.meta.url), renderPolicyGuide());
console.log('wrote docs/policy-guide.md');
