import { z } from 'zod';

/** A document as the API shows it (never its content). */
export const documentSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  customerId: z.string(),
  name: z.string(),
  /** The type read from the content. */
  mediaType: z.string(),
  size: z.number().int(),
  /** The kind the bot asked for, when sent for a request. */
  kind: z.string().nullable(),
  channel: z.string(),
  sha256: z.string(),
  createdAt: z.string(),
});
export type DocumentInfo = z.infer<typeof documentSchema>;

/** What a document request of a flow still waits for. */
export const documentRequestStatusSchema = z.object({
  kind: z.string(),
  label: z.string(),
  needed: z.number().int(),
  received: z.number().int(),
});

/** Query of an upload: the file travels as the raw body. */
export const uploadDocumentQuerySchema = z.strictObject({
  name: z.string().min(1).max(255),
  clientId: z.string().min(1).max(200),
  kind: z
    .string()
    .regex(/^[a-z][a-z0-9_-]{0,63}$/)
    .optional(),
});

export const documentResponseSchema = z.object({ document: documentSchema });
export const documentsResponseSchema = z.object({ documents: z.array(documentSchema) });
export const documentParamsSchema = z.strictObject({
  id: z.string().min(1).max(100),
  documentId: z.string().min(1).max(100),
});
