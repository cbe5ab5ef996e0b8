import { decodeInboxCursor, encodeInboxCursor } from '../conversations/inbox-cursor.ts';
import type { Caller, createRouter } from '../http/define-route.ts';
import { fail } from '../platform/errors.ts';
import { auditPageSchema, auditQuerySchema } from '../protocol/audit.ts';
import type { AuditLog } from './audit-log.ts';

type Router = ReturnType<typeof createRouter>;

/** Who an audit entry names for a request: the console user, or `api-key` for a server holding the key. */
export const actorOf = (caller: Caller): string => (caller.kind === 'agent' ? caller.agentId : 'api-key');

/** The admin's audit log: every settings change, newest first, in pages. */
export function registerAuditRoutes(router: Router, audit: AuditLog): void {
  router.route({
    method: 'GET',
    url: '/api/v1/admin/audit',
    summary: 'Settings changes (who, when, what, before and after), newest first; page with nextCursor',
    tags: ['admin'],
    access: 'admin',
    query: auditQuerySchema,
    response: auditPageSchema,
    handler: async ({ query }) => {
      const cursor =
        query.cursor === undefined
          ? null
          : (decodeInboxCursor(query.cursor) ??
            fail('VALIDATION_FAILED', 'invalid query: cursor: not a cursor this server handed out'));
      const { entries, last } = await audit.list({ ...query, cursor });
      return { entries, nextCursor: last ? encodeInboxCursor(last) : null };
    },
  });
}
