import { z } from 'zod';
import { labelledConversationSchema, packChangeSchema, suggestionSchema } from './learning.ts';

/** Wire contracts of the Improve view: pack versions, the suggestions queue, shadow runs, the dashboard. */

export const improvePackParamsSchema = z.strictObject({ pack: z.string().min(1).max(64) });
export const versionParamsSchema = improvePackParamsSchema.extend({
  version: z.coerce.number().int().min(1),
});
export const suggestionParamsSchema = improvePackParamsSchema.extend({
  id: z.string().regex(/^sg-[0-9a-f]{16}$/, 'not a suggestion id'),
});

const diffEntrySchema = z.object({
  path: z.string(),
  kind: z.enum(['added', 'removed', 'changed']),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});

export const packVersionSchema = z.object({
  packId: z.string(),
  version: z.number().int(),
  hash: z.string(),
  source: z.string(),
  author: z.string(),
  reason: z.string(),
  diff: z.array(diffEntrySchema),
  basedOn: z.number().int().nullable(),
  suggestionId: z.string().nullable(),
  createdAt: z.string(),
});
export type PackVersionView = z.infer<typeof packVersionSchema>;

export const improvePacksResponseSchema = z.object({
  packs: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      liveVersion: z.number().int().nullable(),
      shadowVersion: z.number().int().nullable(),
      /** The version this instance runs now (equal to liveVersion once it has loaded it). */
      runningVersion: z.number().int().nullable(),
      waiting: z.number().int(),
    }),
  ),
});

export const versionsResponseSchema = z.object({
  liveVersion: z.number().int(),
  shadowVersion: z.number().int().nullable(),
  versions: z.array(packVersionSchema),
});

export const versionResponseSchema = z.object({
  version: packVersionSchema.extend({ document: z.record(z.string(), z.unknown()) }),
});

export const rollbackBodySchema = z.strictObject({
  version: z.number().int().min(1),
  reason: z.string().trim().min(1).max(500),
});

export const shadowBodySchema = z.strictObject({ version: z.number().int().min(1).nullable() });

export const compareQuerySchema = z.strictObject({
  from: z.coerce.number().int().min(1),
  to: z.coerce.number().int().min(1),
  since: z.iso.datetime({ offset: true }).optional(),
});

export const storedSuggestionSchema = z.object({
  packId: z.string(),
  suggestion: suggestionSchema,
  status: z.enum(['waiting', 'approved', 'rejected']),
  reason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  version: z.number().int().nullable(),
  edited: z.boolean(),
  createdAt: z.string(),
});
export type StoredSuggestionView = z.infer<typeof storedSuggestionSchema>;

export const suggestionsQuerySchema = z.strictObject({
  status: z.enum(['waiting', 'approved', 'rejected']).optional(),
});
export const suggestionsResponseSchema = z.object({ suggestions: z.array(storedSuggestionSchema) });

export const approveBodySchema = z.strictObject({
  reason: z.string().trim().max(500).optional(),
  /** The supervisor's edited change; the suggestion's own when omitted. */
  change: z.array(packChangeSchema).min(1).optional(),
});
export const rejectBodySchema = z.strictObject({ reason: z.string().trim().min(1).max(500) });
export const shadowSuggestionBodySchema = z.strictObject({
  change: z.array(packChangeSchema).min(1).optional(),
});

export const runResponseSchema = z.object({
  suggestions: z.number().int(),
  added: z.number().int(),
  conversations: z.number().int(),
});

export const labelledQuerySchema = z.strictObject({
  since: z.iso.datetime({ offset: true }).optional(),
});
export const labelledResponseSchema = z.object({ conversations: z.array(labelledConversationSchema) });

const gistSchema = z.object({
  kind: z.string(),
  team: z.string().nullable(),
  rule: z.string().nullable(),
  reply: z.string().nullable(),
});
export const shadowResponseSchema = z.object({
  liveVersion: z.number().int(),
  shadowVersion: z.number().int().nullable(),
  turns: z.number().int(),
  differ: z.number().int(),
  decisions: z.array(
    z.object({
      id: z.string(),
      conversationId: z.string(),
      turn: z.number().int(),
      text: z.string(),
      liveVersion: z.number().int(),
      shadowVersion: z.number().int(),
      live: gistSchema,
      shadow: gistSchema,
      differs: z.boolean(),
      createdAt: z.string(),
    }),
  ),
});

export const improveDashboardSchema = z.object({
  waiting: z.number().int(),
  weekly: z.array(
    z.object({
      week: z.string(),
      status: z.enum(['waiting', 'approved', 'rejected']),
      count: z.number().int(),
    }),
  ),
  versions: z.array(
    z.object({
      version: z.number().int(),
      from: z.string(),
      to: z.string().nullable(),
      conversations: z.number().int(),
      handedOff: z.number().int(),
      handoffRate: z.number().nullable(),
      needless: z.number().int(),
      needlessRate: z.number().nullable(),
      csat: z.array(z.object({ path: z.string(), count: z.number().int(), average: z.number().nullable() })),
    }),
  ),
});
export type ImproveDashboard = z.infer<typeof improveDashboardSchema>;
