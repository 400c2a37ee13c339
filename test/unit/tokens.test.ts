import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../server/auth/passwords';
import { signingKeyOf, signValue, siteSigningSecret } from '../../server/auth/signing';
import {
  issueVisitorToken,
  readVisitorToken,
  VISITOR_TOKEN_DAYS,
  verifyVisitorToken,
} from '../../server/auth/tokens';
import { DAY, HOUR } from '../../shared/time';

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

describe("a rotation's grace period", () => {
  const secret = randomBytes(32);
  const now = Date.UTC(2026, 0, 1);
  const before = { id: 'shop', keyHash: 'key-hash-1' };
  const rotated = {
    id: 'shop',
    keyHash: 'key-hash-2',
    previousKey: { keyHash: 'key-hash-1', until: now + HOUR },
  };

  it("accepts the previous key's visitor tokens until it ends, and says which key they are under", () => {
    const { visitorId, token } = issueVisitorToken(secret, before, now);
    expect(readVisitorToken(secret, rotated, token, now)).toEqual({
      visitorId,
      keyHash: 'key-hash-1',
    });
    expect(verifyVisitorToken(secret, rotated, token, now + HOUR - 1)).toBe(visitorId);
    expect(verifyVisitorToken(secret, rotated, token, now + HOUR)).toBeNull();
    // Revoked: no previous key.
    expect(verifyVisitorToken(secret, { ...rotated, previousKey: null }, token, now)).toBeNull();
    // Another site with the same previous key's hash is still another site.
    expect(verifyVisitorToken(secret, { ...rotated, id: 'other-shop' }, token, now)).toBeNull();
    // New tokens are issued under the current key.
    const fresh = issueVisitorToken(secret, rotated, now);
    expect(readVisitorToken(secret, rotated, fresh.token, now)?.keyHash).toBe('key-hash-2');
  });

  it("accepts the previous key's signatures until it ends, and says which key made them", () => {
    const oldSecret = siteSigningSecret(secret, before);
    const newSecret = siteSigningSecret(secret, rotated);
    const signed = (key: string) => signValue(key, 'user', '42');
    const by = (signature: string, at: number) =>
      signingKeyOf(secret, rotated, at, 'user', '42', signature);
    expect(by(signed(newSecret), now + HOUR)).toEqual({ keyHash: 'key-hash-2' });
    expect(by(signed(oldSecret), now)).toEqual({ keyHash: 'key-hash-1' });
    expect(by(signed(oldSecret), now + HOUR)).toBeUndefined();
    // Still labelled: the old secret's signature of conversation "42" is no userHash of user "42".
    expect(by(signValue(oldSecret, 'conversation', '42'), now)).toBeUndefined();
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
