/** Characters of one message body Baton sends at most (Twilio accepts up to 1600 and segments them itself). */
export const maxSmsChars = 1600;

/** A reply as SMS bodies: whole, or cut at word boundaries into parts of at most `max` characters. */
export function splitSms(text: string, max = maxSmsChars): string[] {
  const clean = text.trim();
  if (clean.length <= max) return clean ? [clean] : [];
  const parts: string[] = [];
  let rest = clean;
  while (rest.length > max) {
    const cut = rest.lastIndexOf(' ', max);
    const at = cut > max / 2 ? cut : max;
    parts.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  if (rest) parts.push(rest);
  return parts;
}
