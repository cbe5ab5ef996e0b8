import { z } from 'zod';
import { consoleUser, type createRouter } from '../http/define-route.ts';
import { fail } from '../platform/errors.ts';
import {
  approveBodySchema,
  compareQuerySchema,
  improveDashboardSchema,
  improvePackParamsSchema,
  improvePacksResponseSchema,
  labelledQuerySchema,
  labelledResponseSchema,
  packVersionSchema,
  rejectBodySchema,
  rollbackBodySchema,
  runResponseSchema,
  shadowBodySchema,
  shadowResponseSchema,
  shadowSuggestionBodySchema,
  storedSuggestionSchema,
  suggestionParamsSchema,
  suggestionsQuerySchema,
  suggestionsResponseSchema,
  versionParamsSchema,
  versionResponseSchema,
  versionsResponseSchema,
} from '../protocol/improve.ts';
import type { Improve } from './create-improve.ts';
import type { PackRegistry } from './pack-registry.ts';

type Router = ReturnType<typeof createRouter>;

/** The Improve view's API: supervisors (and admins) only. */
export function registerImproveRoutes(router: Router, improve: Improve, registry: PackRegistry): void {
  const base = '/api/v1/improve/packs';
  const actor = (caller: Parameters<typeof consoleUser>[0]) => consoleUser(caller).agentId;
  const mustPack = (id: string) => {
    if (!registry.packs.has(id)) fail('PACK_NOT_FOUND', `no pack ${id}`);
  };

  router.route({
    method: 'GET',
    url: base,
    summary: 'The packs with their live and shadow versions and the suggestions waiting',
    tags: ['improve'],
    access: 'supervisor',
    response: improvePacksResponseSchema,
    handler: async () => {
      const heads = new Map((await improve.versionStore.heads()).map((h) => [h.packId, h]));
      const packs = [];
      for (const [id, loaded] of registry.packs) {
        const head = heads.get(id);
        packs.push({
          id,
          name: loaded.pack.name,
          liveVersion: head?.liveVersion ?? null,
          shadowVersion: head?.shadowVersion ?? null,
          runningVersion: registry.version(id),
          waiting: (await improve.queue.list(id, 'waiting')).length,
        });
      }
      return { packs };
    },
  });

  router.route({
    method: 'GET',
    url: `${base}/:pack/versions`,
    summary: "A pack's versions, newest first, with author, time, reason and diff",
    tags: ['improve'],
    access: 'supervisor',
    params: improvePackParamsSchema,
    response: versionsResponseSchema,
    handler: async ({ params }) => {
      const head =
        (await improve.versionStore.head(params.pack)) ?? fail('PACK_NOT_FOUND', `no pack ${params.pack}`);
      return {
        liveVersion: head.liveVersion,
        shadowVersion: head.shadowVersion,
        versions: await improve.versionStore.list(params.pack),
      };
    },
  });

  router.route({
    method: 'GET',
    url: `${base}/:pack/versions/:version`,
    summary: 'One version with its pack document',
    tags: ['improve'],
    access: 'supervisor',
    params: versionParamsSchema,
    response: versionResponseSchema,
    handler: async ({ params }) => {
      const found =
        (await improve.versionStore.get(params.pack, params.version)) ??
        fail('VERSION_NOT_FOUND', `pack ${params.pack} has no version ${params.version}`);
      return { version: { ...found, document: found.document as unknown as Record<string, unknown> } };
    },
  });

  router.route({
    method: 'POST',
    url: `${base}/:pack/rollback`,
    summary: 'Make an earlier version live again, on every instance',
    tags: ['improve'],
    access: 'supervisor',
    params: improvePackParamsSchema,
    body: rollbackBodySchema,
    response: z.object({ liveVersion: z.number().int() }),
    handler: async ({ params, body, caller }) => {
      mustPack(params.pack);
      await improve.versions.rollback(params.pack, body.version, actor(caller), body.reason);
      return { liveVersion: body.version };
    },
  });

  router.route({
    method: 'POST',
    url: `${base}/:pack/shadow`,
    summary: 'Run a version in shadow on live traffic (its decisions recorded, not acted on); null stops it',
    tags: ['improve'],
    access: 'supervisor',
    params: improvePackParamsSchema,
    body: shadowBodySchema,
    response: z.object({ shadowVersion: z.number().int().nullable() }),
    handler: async ({ params, body, caller }) => {
      mustPack(params.pack);
      await improve.versions.shadow(params.pack, body.version, actor(caller));
      return { shadowVersion: body.version };
    },
  });

  router.route({
    method: 'GET',
    url: `${base}/:pack/shadow`,
    summary: 'What the shadow version decided on live turns, where it differs from the live version first',
    tags: ['improve'],
    access: 'supervisor',
    params: improvePackParamsSchema,
    response: shadowResponseSchema,
    handler: async ({ params }) => {
      const head =
        (await improve.versionStore.head(params.pack)) ?? fail('PACK_NOT_FOUND', `no pack ${params.pack}`);
      const found =
        head.shadowVersion === null
          ? { turns: 0, differ: 0, decisions: [] }
          : await improve.shadowStore.list(params.pack, head.shadowVersion);
      return { liveVersion: head.liveVersion, shadowVersion: head.shadowVersion, ...found };
    },
  });

  router.route({
    method: 'GET',
    url: `${base}/:pack/compare`,
    summary: "Replay the pack's stored conversations under two versions' policies: what would change",
    tags: ['improve'],
    access: 'supervisor',
    params: improvePackParamsSchema,
    query: compareQuerySchema,
    response: z.object({ report: z.record(z.string(), z.unknown()) }),
    handler: async ({ params, query }) => {
      mustPack(params.pack);
      const report = await improve.compare(
        params.pack,
        query.from,
        query.to,
        query.since ? new Date(query.since) : null,
      );
      return { report: report as unknown as Record<string, unknown> };
    },
  });

  router.route({
    method: 'GET',
    url: `${base}/:pack/labelled`,
    summary:
      'The labelled history in the learning format (scenario + outcome + resolution), for `baton learn`',
    tags: ['improve'],
    access: 'supervisor',
    params: improvePackParamsSchema,
    query: labelledQuerySchema,
    response: labelledResponseSchema,
    handler: async ({ params, query }) => ({
      conversations: await improve.labelled(params.pack, query.since ? new Date(query.since) : undefined),
    }),
  });

  router.route({
    method: 'GET',
    url: `${base}/:pack/suggestions`,
    summary: "The pack's suggestions (waiting, approved, rejected), with evidence and predicted effect",
    tags: ['improve'],
    access: 'supervisor',
    params: improvePackParamsSchema,
    query: suggestionsQuerySchema,
    response: suggestionsResponseSchema,
    handler: async ({ params, query }) => {
      mustPack(params.pack);
      return { suggestions: await improve.queue.list(params.pack, query.status) };
    },
  });

  router.route({
    method: 'POST',
    url: `${base}/:pack/suggestions/run`,
    summary: 'Run the learning engine over the labelled history now',
    tags: ['improve'],
    access: 'supervisor',
    params: improvePackParamsSchema,
    response: runResponseSchema,
    handler: async ({ params }) => {
      mustPack(params.pack);
      return improve.queue.run(params.pack);
    },
  });

  router.route({
    method: 'POST',
    url: `${base}/:pack/suggestions/:id/approve`,
    summary: 'Approve a suggestion (optionally edited): a new pack version, live on every instance',
    tags: ['improve'],
    access: 'supervisor',
    params: suggestionParamsSchema,
    body: approveBodySchema,
    response: z.object({ suggestion: storedSuggestionSchema, version: packVersionSchema }),
    handler: async ({ params, body, caller }) =>
      improve.queue.approve({
        packId: params.pack,
        id: params.id,
        actor: actor(caller),
        reason: body.reason,
        change: body.change,
      }),
  });

  router.route({
    method: 'POST',
    url: `${base}/:pack/suggestions/:id/reject`,
    summary: 'Reject a suggestion with a reason; it is not proposed again',
    tags: ['improve'],
    access: 'supervisor',
    params: suggestionParamsSchema,
    body: rejectBodySchema,
    response: z.object({ suggestion: storedSuggestionSchema }),
    handler: async ({ params, body, caller }) => ({
      suggestion: await improve.queue.reject({
        packId: params.pack,
        id: params.id,
        actor: actor(caller),
        reason: body.reason,
      }),
    }),
  });

  router.route({
    method: 'POST',
    url: `${base}/:pack/suggestions/:id/shadow`,
    summary:
      'Try a suggestion in shadow: a candidate version whose decisions are recorded beside the live ones',
    tags: ['improve'],
    access: 'supervisor',
    params: suggestionParamsSchema,
    body: shadowSuggestionBodySchema,
    response: z.object({ version: packVersionSchema }),
    handler: async ({ params, body, caller }) => ({
      version: await improve.queue.tryInShadow({
        packId: params.pack,
        id: params.id,
        actor: actor(caller),
        change: body.change,
      }),
    }),
  });

  router.route({
    method: 'GET',
    url: `${base}/:pack/dashboard`,
    summary:
      'Suggestions waiting, approved and rejected per week; each live version’s handoff rate, needless handoffs and CSAT by path',
    tags: ['improve'],
    access: 'supervisor',
    params: improvePackParamsSchema,
    response: improveDashboardSchema,
    handler: async ({ params }) => {
      mustPack(params.pack);
      return improve.figures(params.pack);
    },
  });
}
