import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../server/auth/passwords';
import { issueVisitorToken, verifyVisitorToken } from '../../server/auth/tokens';

describe('visitor tokens', () => {
  const secret = randomBytes(32);

  it('recognise the visitor on the site they were issued for, and nowhere else', () => {
    const { visitorId, token } = issueVisitorToken(secret, 'shop');
    expect(verifyVisitorToken(secret, 'shop', token)).toBe(visitorId);
    expect(verifyVisitorToken(secret, 'other-shop', token)).toBeNull();
    expect(verifyVisitorToken(randomBytes(32), 'shop', token)).toBeNull();
    expect(verifyVisitorToken(secret, 'shop', `v-someone-else.${token.split('.')[1]}`)).toBeNull();
    expect(verifyVisitorToken(secret, 'shop', 'garbage')).toBeNull();
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
