import { z } from 'zod';
import { customerView } from '../conversations/conversation-routes.ts';
import type { createRouter } from '../http/define-route.ts';
import { fail } from '../platform/errors.ts';
import { maskForRole } from '../privacy/mask-for-role.ts';
import { conversationIdParamsSchema, messageSchema } from '../protocol/conversation.ts';
import {
  documentParamsSchema,
  documentSchema,
  documentsResponseSchema,
  uploadDocumentQuerySchema,
} from '../protocol/document.ts';
import type { DocumentService } from './document-service.ts';

type Router = ReturnType<typeof createRouter>;

/** An RFC 6266 attachment header that survives any file name. */
function attachmentHeader(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Upload (customer), list and download (customer or the people on the case). */
export function registerDocumentRoutes(router: Router, documents: DocumentService): void {
  router.route({
    method: 'POST',
    url: '/api/v1/conversations/:id/documents',
    summary:
      'Send a file (raw body, application/octet-stream); its type is read from the content, size and type are limited; the same clientId again is the same upload',
    tags: ['documents'],
    access: 'customer',
    params: conversationIdParamsSchema,
    query: uploadDocumentQuerySchema,
    response: z.object({ document: documentSchema, message: messageSchema }),
    status: 201,
    // The check on size names the limit; the transport only stops what is far past it.
    rawBody: { maxBytes: documents.limits.maxBytes + 1024 },
    handler: async ({ params, query, body, caller, req }) => {
      if (caller.kind !== 'customer' || caller.conversationId !== params.id)
        fail('FORBIDDEN', 'this token does not grant access to that conversation');
      const declared = req.headers['x-declared-type'];
      const received = await documents.receive({
        conversationId: params.id,
        channel: 'web',
        text: `Sent a document: ${query.name}`,
        clientMessageId: `upload:${query.clientId}`,
        files: [
          {
            clientId: query.clientId,
            name: query.name,
            declaredType: typeof declared === 'string' ? declared.slice(0, 200) : null,
            kind: query.kind ?? null,
            content: body as Buffer,
          },
        ],
      });
      const document = received.documents[0] ?? fail('CONFLICT', 'the upload was not stored; send it again');
      return { document, message: customerView(received.message) };
    },
  });

  router.route({
    method: 'GET',
    url: '/api/v1/conversations/:id/documents',
    summary:
      "The conversation's documents (never their content): for its customer and the people on its case",
    tags: ['documents'],
    access: 'customerOrConsole',
    params: conversationIdParamsSchema,
    response: documentsResponseSchema,
    handler: async ({ params, caller }) => ({ documents: await documents.list(caller, params.id) }),
  });

  router.route({
    method: 'GET',
    url: '/api/v1/conversations/:id/documents/:documentId',
    summary:
      'Download a document, as an attachment with its sniffed type: for its customer and the people on its case',
    tags: ['documents'],
    access: 'customerOrConsole',
    params: documentParamsSchema,
    response: z.any(),
    rawReply: true,
    handler: async ({ params, caller, reply }) => {
      const { info, content } = await documents.read(caller, params.id, params.documentId);
      // The file name is personal data like any other: masked for the roles that see it masked.
      const name = caller.kind === 'agent' ? maskForRole(info.name, caller.role) : info.name;
      return reply
        .code(200)
        .header('content-type', info.mediaType)
        .header('content-disposition', attachmentHeader(name))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(content);
    },
  });
}
