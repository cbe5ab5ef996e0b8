/** What the sender check reads of an email: its From address(es) and its Authentication-Results headers, top first. */
export type SenderEvidence = { fromAddresses: readonly string[]; authenticationResults: readonly string[] };

/** Drops RFC 5322 comments ("(...)", nested) and unfolds whitespace. */
function stripComments(value: string): string {
  let depth = 0;
  let out = '';
  for (const ch of value) {
    if (ch === '(') depth++;
    else if (ch === ')' && depth > 0) depth--;
    else if (depth === 0) out += ch;
  }
  return out.replace(/\s+/g, ' ').trim();
}

/** One `method=result prop.name=value ...` of an Authentication-Results header. */
function readResult(part: string): { method: string; result: string; props: Map<string, string> } | null {
  const [head, ...props] = part.trim().split(' ');
  const match = /^([a-z0-9-]+)(?:\/\d+)?=([a-z]+)$/i.exec(head ?? '');
  if (!match) return null;
  const map = new Map<string, string>();
  for (const p of props) {
    const eq = p.indexOf('=');
    if (eq > 0)
      map.set(
        p.slice(0, eq).toLowerCase(),
        p
          .slice(eq + 1)
          .replace(/^"|"$/g, '')
          .toLowerCase(),
      );
  }
  return { method: match[1]!.toLowerCase(), result: match[2]!.toLowerCase(), props: map };
}

/**
 * Whether the mail gateway in front of Baton proved the From address's domain: the topmost Authentication-Results
 * header (the one the last hop, the gateway, added) carries the gateway's configured authserv-id and says
 * `dmarc=pass` for the From domain (`header.from`), or `dkim=pass` signed by the From domain itself (`header.d`).
 * Any other header (added by the sender, lower down, or by another server), a failed or missing result, a result
 * for another domain, several From addresses, or no trusted gateway configured: not authenticated.
 */
export function isAuthenticatedSender(email: SenderEvidence, trustedAuthservId: string | undefined): boolean {
  if (!trustedAuthservId || email.fromAddresses.length !== 1) return false;
  const domain = email.fromAddresses[0]!.split('@').pop()?.toLowerCase();
  const top = email.authenticationResults[0];
  if (!domain || top === undefined) return false;
  const [serv, ...results] = stripComments(top).split(';');
  const authservId = serv?.trim().split(' ')[0]?.toLowerCase();
  if (authservId !== trustedAuthservId.toLowerCase()) return false;
  return results.some((part) => {
    const r = readResult(part);
    if (r?.result !== 'pass') return false;
    if (r.method === 'dmarc') return r.props.get('header.from') === domain;
    if (r.method === 'dkim') return r.props.get('header.d') === domain;
    return false;
  });
}
