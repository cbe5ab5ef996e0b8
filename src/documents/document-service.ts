import { createHash } from 'node:crypto';
import type { ChangeScope } from '../conversations/conversation-changes.ts';
import type { ConversationService } from '../conversations/conversation-service.ts';
import type { Caller } from '../http/define-route.ts';
import { AppError, fail } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import type { Conversation } from '../protocol/conversation.ts';
import type { DocumentInfo } from '../protocol/document.ts';
import { canSeeDocuments } from './can-see-documents.ts';
import { checkUpload, cleanFileName, type DocumentLimits } from './check-upload.ts';
import type { DocumentStore } from './document-store.ts';
import { sniffDocument } from './sniff-document.ts';

/** One file a customer sends, from any channel. */
export type IncomingFile = {
  /** The sender's id for the file: the same id again is the same upload. */
  clientId: string;
  name: string;
  declaredType: string | null;
  kind: string | null;
  content: Buffer;
};

/** What a message carries about its documents (the bot reads it for document requests). */
export type MessageDocument = { id: string; kind: string | null; name: string; mediaType: string };

/** Checks every file first: a refused one refuses the message, before anything is stored. */
async function checkFiles(files: IncomingFile[], limits: DocumentLimits) {
  const checked: (IncomingFile & { mediaType: string; name: string })[] = [];
  for (const file of files) {
    const verdict = checkUpload(
      { size: file.content.length, sniffedType: await sniffDocument(file.content) },
      limits,
    );
    const name = cleanFileName(file.name);
    if (verdict.kind === 'accept') {
      checked.push({ ...file, name, mediaType: verdict.mediaType });
      continue;
    }
    switch (verdict.kind) {
      case 'too_large':
        throw new AppError(
          'PAYLOAD_TOO_LARGE',
          `"${name}" is ${verdict.size} bytes; the limit is ${verdict.maxBytes}`,
          {
            maxBytes: verdict.maxBytes,
          },
        );
      case 'empty':
        throw new AppError('VALIDATION_FAILED', `"${name}" is empty`);
      case 'unknown_type':
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', `the content of "${name}" is of no type Baton accepts`, {
          allowed: limits.allowedTypes,
        });
      default:
        throw new AppError(
          'UNSUPPORTED_MEDIA_TYPE',
          `"${name}" is ${verdict.mediaType}, which is not accepted`,
          {
            mediaType: verdict.mediaType,
            allowed: limits.allowedTypes,
          },
        );
    }
  }
  return checked;
}

/** The document use cases: receive files with a customer message, list and read them for the people allowed. */
export type DocumentService = ReturnType<typeof createDocumentService>;

export function createDocumentService(deps: {
  store: DocumentStore;
  conversations: ConversationService;
  limits: DocumentLimits;
  /** The teams of a console user (agents on the case are the team's). */
  agentTeams: (agentId: string) => Promise<string[]>;
  /** Teams with a booked appointment on the conversation's case (they will meet the customer). */
  appointmentTeams: (conversation: Conversation) => Promise<string[]>;
  now: () => Date;
}) {
  const assertAccess = async (caller: Caller, conversation: Conversation) => {
    const teams =
      caller.kind === 'agent' && caller.role === 'agent' ? await deps.agentTeams(caller.agentId) : [];
    const booked = teams.length > 0 ? await deps.appointmentTeams(conversation) : [];
    const access = canSeeDocuments(caller, conversation, teams, booked);
    if (access.kind === 'denied') fail('FORBIDDEN', access.reason);
  };

  return {
    limits: deps.limits,
    /**
     * A customer's message with files: every file checked (size, type sniffed from the content), then the message
     * and the documents stored in one transaction; the message's metadata lists the documents for the bot.
     */
    async receive(input: {
      conversationId: string;
      channel: string;
      text: string;
      clientMessageId: string;
      files: IncomingFile[];
      metadata?: Record<string, unknown>;
      /** Files refused are left out (and named in the message's `refusedDocuments`) instead of refusing the message. */
      dropRefused?: boolean;
      /** Other writes of the channel in the same transaction (the email's Message-ID). */
      also?: (scope: ChangeScope) => Promise<void>;
    }) {
      const conversation = await deps.conversations.getPlain(input.conversationId);
      const refused: { name: string; reason: string }[] = [];
      const files: Awaited<ReturnType<typeof checkFiles>> = [];
      for (const file of input.files) {
        try {
          files.push(...(await checkFiles([file], deps.limits)));
        } catch (err) {
          if (!input.dropRefused || !(err instanceof AppError)) throw err;
          refused.push({ name: cleanFileName(file.name), reason: err.message });
        }
      }
      const ids = files.map(() => newId('doc'));
      const announced: MessageDocument[] = files.map((f, i) => ({
        id: ids[i]!,
        kind: f.kind,
        name: f.name,
        mediaType: f.mediaType,
      }));
      const posted = await deps.conversations.postCustomerMessageWith(
        input.conversationId,
        {
          text: input.text,
          clientMessageId: input.clientMessageId,
          metadata: {
            ...input.metadata,
            documents: announced,
            ...(refused.length > 0 && { refusedDocuments: refused }),
          },
        },
        async (scope, message) => {
          const stored: DocumentInfo[] = [];
          if (!message.duplicate) await input.also?.(scope);
          for (const [i, file] of files.entries()) {
            const { document } = await deps.store.insert(scope.db, {
              id: ids[i]!,
              conversationId: conversation.id,
              customerId: conversation.customerId,
              clientId: file.clientId,
              name: file.name,
              mediaType: file.mediaType,
              declaredType: file.declaredType,
              kind: file.kind,
              channel: input.channel,
              sha256: createHash('sha256').update(file.content).digest('hex'),
              content: file.content,
              now: deps.now(),
            });
            stored.push(document);
          }
          return stored;
        },
      );
      return { message: posted.message, documents: posted.result, botDone: posted.botDone };
    },

    /** The documents of a conversation, for its customer or the people on its case. */
    async list(caller: Caller, conversationId: string) {
      await assertAccess(caller, await deps.conversations.getPlain(conversationId));
      return deps.store.list(conversationId);
    },

    /** One document with its content, for its customer or the people on its case. */
    async read(caller: Caller, conversationId: string, documentId: string) {
      await assertAccess(caller, await deps.conversations.getPlain(conversationId));
      return (
        (await deps.store.read(conversationId, documentId)) ??
        fail('NOT_FOUND', `no document ${documentId} in this conversation`)
      );
    },
  };
}
