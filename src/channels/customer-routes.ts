import { eq } from 'drizzle-orm';
import { customers } from '../conversations/conversation.tables.ts';
import { toCustomer } from '../conversations/conversation-rows.ts';
import { consoleUser, type createRouter } from '../http/define-route.ts';
import type { Db } from '../platform/db/database.ts';
import { fail } from '../platform/errors.ts';
import {
  customerIdParamsSchema,
  mergeCustomersBodySchema,
  mergeCustomersResponseSchema,
  type TimelineResponse,
  timelineResponseSchema,
} from '../protocol/timeline.ts';
import { mergeCustomers } from './merge-customers.ts';
import { summarizeTimeline } from './summarize-timeline.ts';
import type { Timeline } from './timeline-sources.ts';

type Router = ReturnType<typeof createRouter>;

/** A customer's timeline; a record merged away answers with the customer it was merged into. */
export async function loadTimeline(
  db: Db,
  timeline: Timeline,
  customerId: string,
  now: Date,
): Promise<TimelineResponse> {
  let id = customerId;
  for (let hops = 0; hops < 5; hops++) {
    const [row] = await db.select().from(customers).where(eq(customers.id, id));
    if (!row) fail('NOT_FOUND', `no customer ${customerId}`);
    if (row.mergedIntoId) {
      id = row.mergedIntoId;
      continue;
    }
    const entries = await timeline.list(db, row.id);
    return { customer: toCustomer(row), entries, summary: summarizeTimeline(entries, now, { limit: 10 }) };
  }
  fail('NOT_FOUND', `customer ${customerId} was merged too many times to follow`);
}

/** The console's customer API: one timeline across conversations and channels, and merging duplicates. */
export function registerCustomerRoutes(
  router: Router,
  deps: { db: Db; timeline: Timeline; now: () => Date },
): void {
  router.route({
    method: 'GET',
    url: '/api/v1/agent/customers/:id/timeline',
    summary:
      'Every conversation, ticket, appointment and document of the customer on any channel, oldest first, with the lines an agent reads first',
    tags: ['console'],
    access: 'console',
    params: customerIdParamsSchema,
    response: timelineResponseSchema,
    handler: async ({ params }) => loadTimeline(deps.db, deps.timeline, params.id, deps.now()),
  });

  router.route({
    method: 'POST',
    url: '/api/v1/agent/customers/:id/merge',
    summary:
      'Merge a duplicate record of the same person into this customer: their conversations move here in one transaction, and the merge is audited with who and why',
    tags: ['console'],
    access: 'console',
    params: customerIdParamsSchema,
    body: mergeCustomersBodySchema,
    response: mergeCustomersResponseSchema,
    handler: async ({ params, body, caller }) => {
      const agent = consoleUser(caller);
      return mergeCustomers(deps.db, {
        targetId: params.id,
        duplicateId: body.duplicateId,
        agentId: agent.agentId,
        reason: body.reason,
        now: deps.now(),
      });
    },
  });
}
