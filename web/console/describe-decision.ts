import type { ContextDecision } from '../../src/protocol/context-package.ts';

/** One reason the bot escalated: a detector or rule, how strongly it fired, and what it saw. */
export type DecisionSignal = { title: string; score: number | null; evidence: string[] };

/** An escalation decision ready to show, from the context package or (older records) a system message. */
export type DecisionView = {
  /** The one-line reason, first. */
  headline: string | null;
  kind: string | null;
  mode: string | null;
  team: string | null;
  priority: string | null;
  risk: number | null;
  rule: string | null;
  emergency: boolean;
  signals: DecisionSignal[];
  /** Further explanation lines (risk arithmetic, other rules that also fired). */
  details: string[];
};

/** The package's decision as the panel shows it: the headline reason, then the signals, then the rest. */
export function describePackageDecision(d: ContextDecision): DecisionView {
  return {
    headline: d.reasons[0] ?? null,
    kind: d.kind,
    mode: d.mode,
    team: d.teamName || d.team,
    priority: d.priority,
    risk: d.risk,
    rule: d.rule,
    emergency: d.emergency,
    signals: dedupe(
      d.signals.map((s) => ({ title: humanize(s.detector), score: s.score, evidence: s.evidence })),
    ),
    // Evidence lines repeat what the signals already list.
    details: d.reasons.slice(1).filter((r) => !(d.signals.length > 0 && r.startsWith('Evidence:'))),
  };
}

/** A decision stored on a system message (`metadata.decision`, any shape the bot wrote), or null. */
export function describeMessageDecision(d: Record<string, unknown> | null): DecisionView | null {
  if (!d) return null;
  const rules = Array.isArray(d.rules) ? d.rules : [];
  const fromRules = rules.flatMap((r): DecisionSignal[] => {
    if (!r || typeof r !== 'object') return [];
    const o = r as Record<string, unknown>;
    const title = text(o.label) ?? text(o.rule);
    if (!title) return [];
    const evidence = Array.isArray(o.evidence)
      ? o.evidence.filter((e): e is string => typeof e === 'string' && e !== title)
      : [];
    return [{ title, evidence, score: typeof o.risk === 'number' ? o.risk : null }];
  });
  const lines = Array.isArray(d.reasons) ? d.reasons : [];
  const fromLines = lines.flatMap((l): DecisionSignal[] => {
    if (typeof l === 'string') return [{ title: l, evidence: [], score: null }];
    if (!l || typeof l !== 'object') return [];
    const o = l as Record<string, unknown>;
    const title = text(o.label ?? o.detector ?? o.code ?? o.message);
    return title ? [{ title, evidence: [], score: typeof o.score === 'number' ? o.score : null }] : [];
  });
  return {
    headline: null,
    kind: text(d.kind),
    mode: text(d.mode),
    team: text(d.teamName) ?? text(d.team),
    priority: text(d.priority),
    risk: typeof d.risk === 'number' ? d.risk : null,
    rule: text(d.rule),
    emergency: d.emergency === true,
    signals: dedupe(fromRules.length > 0 ? fromRules : fromLines),
    details: [],
  };
}

/** "risk:lending" -> "Risk: lending", "repeated_failure" -> "Repeated failure". */
export function humanize(id: string): string {
  const words = id
    .replace(/[_-]+/g, ' ')
    .replace(/\s*:\s*/g, ': ')
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** 0.934 -> "93%". */
export function percent(v: number): string {
  return `${Math.round(v * 100)}%`;
}

function dedupe(signals: DecisionSignal[]): DecisionSignal[] {
  const seen = new Set<string>();
  return signals.filter((s) => !seen.has(s.title) && seen.add(s.title));
}

function text(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}
