import type { Scenario } from './scenario-schema.ts';

/** What the pipeline did with one scenario: the first offer or handoff (turn, team, priority), or none. */
export type Prediction = {
  id: string;
  handoff: boolean;
  kind: 'offer' | 'handoff' | null;
  turn: number | null;
  team: string | null;
  priority: 'normal' | 'high' | 'urgent' | null;
  reasons: string[];
};

/** One scenario the policy got wrong, for the report. */
export type Miss = { id: string; problems: string[]; expected: string; got: string; reasons: string[] };

/** The scores of FORMAT.md, as fractions. */
export type Scores = {
  scenarios: number;
  precision: number;
  recall: number;
  f1: number;
  on_time_rate: number;
  early_rate: number;
  team_accuracy: number;
  priority_accuracy: number;
  unnecessary_rate: number;
  misses: Miss[];
};

const ratio = (n: number, d: number, empty = 1) => (d === 0 ? empty : n / d);

/** Describes an expectation for the report: "handoff at 2 (+1) to loans, normal" or "stay". */
export function describeExpect(s: Scenario): string {
  const e = s.expect;
  if (!e.handoff) return 'stay';
  const window = e.tolerance > 0 ? ` (+${e.tolerance})` : '';
  return `handoff at ${e.turn}${window} to ${e.team}${e.priority ? `, ${e.priority}` : ''}`;
}

/** Describes a prediction for the report. */
export function describePrediction(p: Prediction | undefined): string {
  if (!p?.handoff) return 'stay';
  return `${p.kind ?? 'handoff'} at ${p.turn} to ${p.team}, ${p.priority}`;
}

/** Scores predictions against the scenarios' expectations; an offer counts as a handoff. Pure. */
export function evaluateScenarios(
  scenarios: readonly Scenario[],
  predictions: readonly Prediction[],
): Scores {
  const byId = new Map(predictions.map((p) => [p.id, p]));
  let tp = 0;
  let fp = 0;
  let positives = 0;
  let negatives = 0;
  let onTime = 0;
  let early = 0;
  let teamRight = 0;
  let priorityStated = 0;
  let priorityRight = 0;
  const misses: Miss[] = [];
  for (const s of scenarios) {
    const p = byId.get(s.id);
    const handed = p?.handoff === true;
    const problems: string[] = [];
    const e = s.expect;
    if (!e.handoff) {
      negatives++;
      if (handed) {
        fp++;
        problems.push('unnecessary handoff');
      }
    } else {
      positives++;
      if (!handed) problems.push('missed handoff');
      else {
        tp++;
        const turn = p.turn ?? 0;
        if (turn < e.turn) {
          early++;
          problems.push('early');
        } else if (turn > e.turn + e.tolerance) problems.push('late');
        else onTime++;
        if (p.team === e.team) teamRight++;
        else problems.push('wrong team');
        if (e.priority) {
          priorityStated++;
          if (p.priority === e.priority) priorityRight++;
          else problems.push('wrong priority');
        }
      }
    }
    if (problems.length > 0) {
      misses.push({
        id: s.id,
        problems,
        expected: describeExpect(s),
        got: describePrediction(p),
        reasons: p?.reasons ?? [],
      });
    }
  }
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, positives);
  return {
    scenarios: scenarios.length,
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    on_time_rate: ratio(onTime, positives),
    early_rate: ratio(early, positives, 0),
    team_accuracy: ratio(teamRight, tp),
    priority_accuracy: ratio(priorityRight, priorityStated),
    unnecessary_rate: ratio(fp, negatives, 0),
    misses,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The human-readable report: the scores, then one line per miss with the policy's reasons. */
export function formatScores(scores: Scores): string {
  const lines = [
    `scenarios          ${scores.scenarios}`,
    `precision          ${pct(scores.precision)}`,
    `recall             ${pct(scores.recall)}`,
    `F1                 ${pct(scores.f1)}`,
    `on-time rate       ${pct(scores.on_time_rate)}`,
    `early rate         ${pct(scores.early_rate)}`,
    `team accuracy      ${pct(scores.team_accuracy)}`,
    `priority accuracy  ${pct(scores.priority_accuracy)}`,
    `unnecessary rate   ${pct(scores.unnecessary_rate)}`,
  ];
  if (scores.misses.length > 0) {
    lines.push('', `misses (${scores.misses.length}):`);
    for (const m of scores.misses) {
      const why = m.reasons.length > 0 ? ` | ${m.reasons.join(' ')}` : '';
      lines.push(`  ${m.id}: ${m.problems.join(', ')}; expected ${m.expected}; got ${m.got}${why}`);
    }
  }
  return lines.join('\n');
}
