/** What a web response is: an HTML page of Baton's own, or a file (script, style, image) it serves. */
export type WebResource = 'page' | 'file';

/**
 * Baton's pages load only their own scripts and talk only to their own origin; styles may be inline (the widget
 * styles its Shadow DOM with a `<style>` element). No other origin may frame them.
 */
const pagePolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The security headers for a web response: every one is never sniffed; pages also get a CSP and no framing. */
export function securityHeaders(resource: WebResource): Record<string, string> {
  const always = { 'x-content-type-options': 'nosniff' };
  if (resource === 'file') return always;
  return {
    ...always,
    'content-security-policy': pagePolicy,
    // For browsers without CSP frame-ancestors.
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  };
}
