import type { ImproveDashboard, PackVersionView, StoredSuggestionView } from '../../src/protocol/improve.ts';
import type { PackChange } from '../../src/protocol/learning.ts';
import { requestJson } from '../shared/request-json.ts';

/** A pack as the Improve view lists it. */
export type ImprovePack = {
  id: string;
  name: string;
  liveVersion: number | null;
  shadowVersion: number | null;
  runningVersion: number | null;
  waiting: number;
};

/** What the shadow version decided beside the live one. */
export type ShadowReport = {
  liveVersion: number;
  shadowVersion: number | null;
  turns: number;
  differ: number;
  decisions: {
    id: string;
    conversationId: string;
    turn: number;
    text: string;
    live: { kind: string; team: string | null; rule: string | null; reply: string | null };
    shadow: { kind: string; team: string | null; rule: string | null; reply: string | null };
    differs: boolean;
    createdAt: string;
  }[];
};

export type ImproveApi = ReturnType<typeof createImproveApi>;

/** The Improve view's calls (supervisors and admins). */
export function createImproveApi(token: string, base = '') {
  const url = (pack: string, path = '') => `${base}/api/v1/improve/packs/${encodeURIComponent(pack)}${path}`;
  const get = <T>(u: string) => requestJson<T>(u, { token });
  const post = <T>(u: string, body: unknown = {}) => requestJson<T>(u, { method: 'POST', token, body });
  return {
    packs: () => get<{ packs: ImprovePack[] }>(`${base}/api/v1/improve/packs`),
    suggestions: (pack: string) => get<{ suggestions: StoredSuggestionView[] }>(url(pack, '/suggestions')),
    run: (pack: string) =>
      post<{ suggestions: number; added: number; conversations: number }>(url(pack, '/suggestions/run')),
    approve: (pack: string, id: string, body: { reason?: string; change?: PackChange[] }) =>
      post<{ version: PackVersionView }>(url(pack, `/suggestions/${id}/approve`), body),
    reject: (pack: string, id: string, reason: string) =>
      post<{ suggestion: StoredSuggestionView }>(url(pack, `/suggestions/${id}/reject`), { reason }),
    tryInShadow: (pack: string, id: string) =>
      post<{ version: PackVersionView }>(url(pack, `/suggestions/${id}/shadow`)),
    versions: (pack: string) =>
      get<{ liveVersion: number; shadowVersion: number | null; versions: PackVersionView[] }>(
        url(pack, '/versions'),
      ),
    rollback: (pack: string, version: number, reason: string) =>
      post<{ liveVersion: number }>(url(pack, '/rollback'), { version, reason }),
    setShadow: (pack: string, version: number | null) =>
      post<{ shadowVersion: number | null }>(url(pack, '/shadow'), { version }),
    shadow: (pack: string) => get<ShadowReport>(url(pack, '/shadow')),
    dashboard: (pack: string) => get<ImproveDashboard>(url(pack, '/dashboard')),
  };
}
