import {
  type ContextPackage,
  type ContextView,
  contextSections,
  type RoleView,
  type ViewConfigInput,
  viewConfigSchema,
} from '../protocol/context-package.ts';
import { parsePath } from './redact-pii.ts';

/** Who is looking: a role name (supervisor, compliance, ...) and/or the team they work in. */
export type Viewer = { role?: string; team?: string };

/** The view that applies: the role's, else the team's, else the default. */
export function pickView(config: ViewConfigInput, viewer: Viewer): { name: string; view: RoleView } {
  const { default: fallback, views } = viewConfigSchema.parse(config);
  for (const name of [viewer.role, viewer.team]) {
    const view = name === undefined ? undefined : views[name];
    if (name !== undefined && view) return { name, view };
  }
  return { name: 'default', view: fallback };
}

const keep = (name: string, only: readonly string[] | undefined, hide: readonly string[]) =>
  (only === undefined || only.includes(name)) && !hide.includes(name);

/** The subset of a package one team or role may see: hidden sections are left out, lists filtered. */
export function viewForRole(pkg: ContextPackage, config: ViewConfigInput, viewer: Viewer): ContextView {
  const { name, view } = pickView(config, viewer);
  const shows = new Set(view.sections);
  const toolShown = (tool: string) => keep(tool, view.tools, view.hideTools);
  const entityShown = (type: string) => !view.hideEntityTypes.includes(type);

  const transcript = pkg.transcript.filter((m) => view.transcript === 'full' || m.authorKind === 'customer');
  const sections: Partial<ContextPackage> = {
    decision: pkg.decision,
    summary: {
      ...pkg.summary,
      entities: pkg.summary.entities.filter((e) => entityShown(e.type)),
      botTried: pkg.summary.botTried.filter((s) => s.tool === undefined || toolShown(s.tool)),
    },
    transcript: view.lastMessages === undefined ? transcript : transcript.slice(-view.lastMessages),
    sentiment: pkg.sentiment,
    toolResults: pkg.toolResults.filter((r) => toolShown(r.tool)),
    customer: {
      ...pkg.customer,
      attributes: Object.fromEntries(
        Object.entries(pkg.customer.attributes).filter(([k]) =>
          keep(k, view.attributes, view.hideAttributes),
        ),
      ),
    },
    nextStep: pkg.nextStep,
    ...(pkg.history !== undefined && { history: pkg.history }),
  };

  const { version, conversationId, customerId, channel, pack, createdAt } = pkg;
  const out: ContextView = {
    version,
    conversationId,
    customerId,
    channel,
    pack,
    createdAt,
    view: name,
    // Who transferred it and why is part of the header: every team the conversation reaches reads it.
    ...(pkg.transfer && { transfer: pkg.transfer }),
    redactions: [],
  };
  for (const section of contextSections) {
    if (shows.has(section)) Object.assign(out, { [section]: sections[section] });
  }
  out.redactions = pkg.redactions.flatMap((r) => {
    const path = relocate(pkg, out, r.path);
    return path === null ? [] : [{ ...r, path }];
  });
  return out;
}

/**
 * Where a finding path of the full package lands in the view, or null when the view hides it.
 * Filtered lists keep their element objects, so an element is found again by identity.
 */
function relocate(pkg: ContextPackage, view: ContextView, path: string): string | null {
  let from: unknown = pkg;
  let to: unknown = view;
  let out = '';
  for (const part of parsePath(path)) {
    if (from === null || typeof from !== 'object' || to === null || typeof to !== 'object') return null;
    if (typeof part === 'number') {
      if (!Array.isArray(from) || !Array.isArray(to)) return null;
      const index = from === to ? part : to.indexOf(from[part]);
      if (index < 0) return null;
      [from, to, out] = [from[part], to[index], `${out}[${index}]`];
    } else {
      if (!Object.hasOwn(to, part)) return null;
      from = (from as Record<string, unknown>)[part];
      to = (to as Record<string, unknown>)[part];
      out += /^[A-Za-z_$][\w$]*$/.test(part) ? `${out ? '.' : ''}${part}` : `[${JSON.stringify(part)}]`;
    }
  }
  return out;
}
