import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../server/auth/passwords';
import {
  issueVisitorToken,
  VISITOR_TOKEN_DAYS,
  verifyVisitorToken,
} from '../../server/auth/tokens';
import { DAY } from '../../shared/time';

describe('visitor tokens', () => {
  const secret = randomBytes(32);
  const shop = { id: 'shop', keyHash: 'key-hash-1' };
  const now = Date.UTC(2026, 0, 1);

  it('recognise the visitor on the site they were issued for, and nowhere else', () => {
    const { visitorId, token } = issueVisitorToken(secret, shop, now);
    expect(token).toMatch(/^v-[\w-]+\.\d+\.[\w-]+$/);
    expect(verifyVisitorToken(secret, shop, token, now)).toBe(visitorId);
    expect(verifyVisitorToken(secret, { ...shop, id: 'other-shop' }, token, now)).toBeNull();
    expect(verifyVisitorToken(randomBytes(32), shop, token, now)).toBeNull();
    const [, expires, signature] = token.split('.');
    expect(verifyVisitorToken(secret, shop, `v-someone.${expires}.${signature}`, now)).toBeNull();
    expect(verifyVisitorToken(secret, shop, 'garbage', now)).toBeNull();
    expect(verifyVisitorToken(secret, shop, `${token}.x`, now)).toBeNull();
  });

  it(`expire ${VISITOR_TOKEN_DAYS} days after they were issued, and cannot be extended by hand`, () => {
    const { visitorId, token } = issueVisitorToken(secret, shop, now);
    const lifetime = VISITOR_TOKEN_DAYS * DAY;
    expect(verifyVisitorToken(secret, shop, token, now + lifetime - 1000)).toBe(visitorId);
    expect(verifyVisitorToken(secret, shop, token, now + lifetime)).toBeNull();
    // A later expiry written into the token breaks its signature.
    const [id, expires, signature] = token.split('.') as [string, string, string];
    const stretched = `${id}.${Number(expires) + 365 * 86_400}.${signature}`;
    expect(verifyVisitorToken(secret, shop, stretched, now)).toBeNull();
    // Renewing is issuing again for the same visitor: a fresh expiry.
    const renewed = issueVisitorToken(secret, shop, now + lifetime - 1000, visitorId);
    expect(verifyVisitorToken(secret, shop, renewed.token, now + lifetime)).toBe(visitorId);
  });

  it('are revoked by rotating the site key', () => {
    const { token } = issueVisitorToken(secret, shop, now);
    expect(verifyVisitorToken(secret, { ...shop, keyHash: 'key-hash-2' }, token, now)).toBeNull();
    expect(verifyVisitorToken(secret, { ...shop, keyHash: null }, token, now)).toBeNull();
  });
});

describe('passwords', () => {
  it('verify the right password only, with a salted hash', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(hash).not.toBe(await hashPassword('correct horse'));
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('wrong horse', hash)).toBe(false);
  });
});
