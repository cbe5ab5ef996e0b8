/** Lines that open the quoted original under a reply ("On Mon, 3 Mar 2026, Baton <...> wrote:"). */
const quoteHeaders = [
  /^On .{1,200} wrote:\s*$/,
  /^-{2,}\s*Original Message\s*-{2,}/i,
  /^_{5,}\s*$/,
  /^From: .+/,
  /^Le .{1,200} a écrit\s*:\s*$/,
  /^Am .{1,200} schrieb .{0,100}:\s*$/,
];

/**
 * The new part of an email reply: the text above the quoted original (lines starting with `>` or under an
 * "On ... wrote:" header) and above a signature separator (`-- `). The whole text when nothing is quoted.
 */
export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept: string[] = [];
  for (const [i, line] of lines.entries()) {
    if (line === '-- ' || line === '--') break;
    if (line.startsWith('>')) {
      // A quote block: stop here if nothing new follows it.
      const rest = lines.slice(i).filter((l) => l.trim() !== '' && !l.startsWith('>'));
      if (rest.length === 0) break;
      continue;
    }
    if (quoteHeaders.some((h) => h.test(line.trim()))) break;
    kept.push(line);
  }
  const stripped = kept.join('\n').trim();
  return stripped.length > 0 ? stripped : text.trim();
}
