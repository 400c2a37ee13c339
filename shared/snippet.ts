/**
 * The embed snippet webmasters paste: a one-line queue stub, then the async loader. The sites
 * API hands it out and the demo page embeds it, so both always show the same thing.
 */
const escapeAttribute = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface SnippetOptions {
  /** Where browsers reach the Peakend server, e.g. https://chat.example.com */
  publicUrl: string;
  siteId: string;
  /** More `data-*` options, e.g. `{ color: '#2f6b4f' }`. */
  data?: Record<string, string>;
  /** A CSP nonce for both script tags. */
  nonce?: string;
}

export function embedSnippet({ publicUrl, siteId, data = {}, nonce }: SnippetOptions): string {
  const n = nonce ? ` nonce="${escapeAttribute(nonce)}"` : '';
  const src = `${publicUrl.replace(/\/+$/, '')}/widget.js`;
  const attributes = Object.entries({ site: siteId, ...data })
    .map(([name, value]) => ` data-${name}="${escapeAttribute(value)}"`)
    .join('');
  return (
    `<script${n}>window.peakend=window.peakend||function(){(peakend.q=peakend.q||[]).push(arguments)}</script>\n` +
    `<script async src="${escapeAttribute(src)}"${attributes}${n}></script>`
  );
}
