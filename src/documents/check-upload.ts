/** Limits on what customers may send. */
export type DocumentLimits = {
  maxBytes: number;
  /** Media types accepted, as sniffed from the content. */
  allowedTypes: readonly string[];
};

/** The media types Baton accepts by default: what people scan or photograph, and PDFs. */
export const defaultDocumentTypes = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/heic',
  'image/tiff',
  'text/plain',
] as const;

/** Whether an upload may be stored: refused with a reason, or accepted with the type its content shows. */
export type UploadVerdict =
  | { kind: 'accept'; mediaType: string }
  | { kind: 'too_large'; size: number; maxBytes: number }
  | { kind: 'empty' }
  | { kind: 'unknown_type' }
  | { kind: 'type_not_allowed'; mediaType: string };

/** Decides on an upload from its size and the type sniffed from its content (null: nothing recognisable). */
export function checkUpload(
  input: { size: number; sniffedType: string | null },
  limits: DocumentLimits,
): UploadVerdict {
  if (input.size === 0) return { kind: 'empty' };
  if (input.size > limits.maxBytes) return { kind: 'too_large', size: input.size, maxBytes: limits.maxBytes };
  if (!input.sniffedType) return { kind: 'unknown_type' };
  if (!limits.allowedTypes.includes(input.sniffedType))
    return { kind: 'type_not_allowed', mediaType: input.sniffedType };
  return { kind: 'accept', mediaType: input.sniffedType };
}

/** A file name safe to store and show: no path, no control characters, bounded. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
    .slice(0, 200);
  return cleaned.length > 0 && cleaned !== '.' && cleaned !== '..' ? cleaned : 'document';
}
