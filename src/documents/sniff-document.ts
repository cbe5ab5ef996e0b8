import { fileTypeFromBuffer } from 'file-type';

/** Bytes of text looked at to decide that a file is plain text. */
const textProbeBytes = 64 * 1024;

/**
 * The media type the content shows (magic numbers through `file-type`), whatever the sender declared; plain
 * text only when it decodes as UTF-8 without control characters; null when nothing is recognised.
 */
export async function sniffDocument(content: Uint8Array): Promise<string | null> {
  const found = await fileTypeFromBuffer(content);
  if (found) return found.mime;
  return looksLikeText(content) ? 'text/plain' : null;
}

function looksLikeText(content: Uint8Array): boolean {
  const probe = content.subarray(0, textProbeBytes);
  let text: string;
  try {
    // A cut in the middle of a character at the probe's end is not a reason to refuse.
    text = new TextDecoder('utf-8', { fatal: true }).decode(
      probe.length < content.length ? trimPartialChar(probe) : probe,
    );
  } catch {
    return false;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters mark a binary file
  return !/[\u0000-\u0008\u000e-\u001f\u007f]/.test(text);
}

function trimPartialChar(bytes: Uint8Array): Uint8Array {
  const end = bytes.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = bytes[end - i]!;
    if ((b & 0xc0) === 0xc0) return bytes.subarray(0, end - i);
    if ((b & 0x80) === 0) break;
  }
  return bytes.subarray(0, end);
}
