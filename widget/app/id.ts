/** A fresh idempotency key for one save: letters, digits and "-" only (the server's ZId). */
export function newKey(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  let key = '';
  for (let i = 0; i < 4; i++) key += Math.random().toString(36).slice(2, 10);
  return `k-${Date.now().toString(36)}-${key}`;
}
