import type { Template } from '../protocol/pack.ts';

/** What a template can refer to: `{{entity.X}}`, `{{tool.X.field}}`, `{{customer.name}}`, `{{messages.X}}`. */
export type TemplateContext = {
  entity?: Record<string, string>;
  tool?: Record<string, unknown>;
  customer?: Record<string, unknown>;
  messages?: Record<string, unknown>;
  [key: string]: unknown;
};

const money = (v: unknown): string => {
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) return String(v ?? '');
  return n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
};

const filters: Record<string, (v: unknown) => string> = {
  money,
  upper: (v) => String(v ?? '').toUpperCase(),
  lower: (v) => String(v ?? '').toLowerCase(),
};

/** Reads a dotted path (`tool.order_status.eta`) from a context; undefined when any part is missing. */
export function resolveField(context: TemplateContext, path: string): unknown {
  let current: unknown = context;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Picks one variant of a template; the same seed always picks the same variant. */
export function pickVariant(template: Template, seed: number): string {
  if (typeof template === 'string') return template;
  return template[Math.abs(Math.trunc(seed)) % template.length]!;
}

/** Fills `{{path}}` and `{{path | filter}}` placeholders; a missing value becomes empty text. */
export function renderTemplate(template: Template, context: TemplateContext, seed = 0): string {
  const text = pickVariant(template, seed);
  return text
    .replace(/\{\{\s*([\w.-]+)\s*(?:\|\s*(\w+)\s*)?\}\}/g, (_, path: string, filter?: string) => {
      const value = resolveField(context, path);
      if (filter && filters[filter]) return filters[filter](value);
      if (value === undefined || value === null) return '';
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    })
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}
