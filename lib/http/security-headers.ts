/**
 * The per-request CSP of pages, set by proxy.ts. The static security headers of every answer
 * (nosniff, framing, referrer, permissions, the API's CSP, HSTS over https) are in next.config.js.
 * Browser-safe: no server imports.
 */

/**
 * The CSP of a page: scripts only with this request's nonce (Next puts it on its own scripts) and
 * what they load; styles from the site (inline style attributes are allowed: React sets widths with
 * them, and they cannot run code); no framing, no plugins, forms and connections to the site only.
 */
export function pageCsp(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
