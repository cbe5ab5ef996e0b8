import { z } from 'zod';

const priority = z.enum(['normal', 'high', 'urgent']);

/** What a good support team would want from one scenario (format v1, see scenarios/FORMAT.md). */
export const expectSchema = z.discriminatedUnion('handoff', [
  z.strictObject({ handoff: z.literal(false) }),
  z.strictObject({
    handoff: z.literal(true),
    turn: z.number().int().min(1),
    tolerance: z.number().int().min(0).default(0),
    team: z.string().min(1),
    priority: priority.optional(),
  }),
]);

/** One scripted customer conversation with the expected decision. */
export const scenarioSchema = z.object({
  id: z.string().min(1),
  pack: z.string().min(1),
  customer: z
    .object({
      tier: z.enum(['standard', 'gold', 'vip']).default('standard'),
      name: z.string().optional(),
      attributes: z.record(z.string(), z.unknown()).default({}),
    })
    .optional(),
  channel: z.string().optional(),
  data: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  turns: z.array(z.object({ text: z.string().min(1) })).min(1),
  expect: expectSchema,
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioExpect = z.infer<typeof expectSchema>;

/** A scenario file that cannot be read: the message names the line. */
export class ScenarioFileError extends Error {
  override name = 'ScenarioFileError';
}

/** Parses a JSON Lines scenario file (empty lines and `//` comments skipped); throws ScenarioFileError. */
export function parseScenarios(text: string, file = 'scenarios'): Scenario[] {
  const out: Scenario[] = [];
  const seen = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('//')) continue;
    const where = `${file}:${i + 1}`;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (err) {
      throw new ScenarioFileError(`${where}: bad JSON on line ${i + 1}: ${(err as Error).message}`);
    }
    const parsed = scenarioSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const id =
        raw && typeof raw === 'object' && 'id' in raw ? ` (${String((raw as { id: unknown }).id)})` : '';
      throw new ScenarioFileError(`${where}${id}: ${issue.path.join('.') || 'scenario'}: ${issue.message}`);
    }
    const dup = seen.get(parsed.data.id);
    if (dup !== undefined)
      throw new ScenarioFileError(`${where}: id "${parsed.data.id}" already used on line ${dup}`);
    seen.set(parsed.data.id, i + 1);
    out.push(parsed.data);
  }
  return out;
}
