/**
 * Which web pages may use a site's widget: the site's allowed origins, and this server's own pages
 * (the demo). Checked on the visitor socket's handshake and by CORS on the widget's HTTP route.
 */

/**
 * Browsers always send Origin on a WebSocket handshake and on a cross-origin POST; a client
 * without one is not a web page, and could claim any origin anyway.
 */
export function originAllowed(
  origin: string | undefined,
  allowed: readonly string[],
  host: string | undefined,
): boolean {
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
