/**
 * Identity verification: a signed-in user of the customer's site, vouched for by its server
 * (`userHash` = HMAC-SHA256 of `"user:" + userId` with the site's signing secret), is the same visitor on
 * every device; a wrong or missing hash is refused at the handshake.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectVisitor,
  data,
  next,
  startServer,
  TEST_ADMIN_TOKEN,
  tempDir,
  type TestServer,
  type VisitorClient,
} from '../support/server';

describe('identity verification', () => {
  const dir = tempDir();
  let server: TestServer;
  let signingSecret: string;
  const clients: VisitorClient[] = [];
  const hash = (userId: string, secret = signingSecret) =>
    createHmac('sha256', secret).update(`user:${userId}`).digest('hex');

  async function connect(auth: Record<string, unknown>): Promise<VisitorClient> {
    const client = connectVisitor(server.url, { siteId: 'demo', ...auth });
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    server = await startServer({ dbPath: `${dir.path}/peakend.db` });
    const response = await fetch(`${server.url}/api/v1/sites/demo`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    signingSecret = ((await response.json()) as { signingSecret: string }).signingSecret;
  });

  afterAll(async () => {
    clients.forEach((c) => c.disconnect());
    await server?.stop();
    dir.remove();
  });

  it('gives a verified user the same conversation on every device', async () => {
    const laptop = await connect({ userId: 'customer-42', userHash: hash('customer-42') });
    await next(laptop, 'connect');
    const first = data(await laptop.emitWithAck('hello', {}));
    expect(first.visitorId).toMatch(/^u-/);
    const started = data(
      await laptop.emitWithAck('message:send', { text: 'Started on my laptop' }),
    );

    // Another device, no stored token: the same person, the same conversation.
    const phone = await connect({ userId: 'customer-42', userHash: hash('customer-42') });
    await next(phone, 'connect');
    const again = data(await phone.emitWithAck('hello', {}));
    expect(again.visitorId).toBe(first.visitorId);
    expect(again.conversation?.id).toBe(started.id);

    // Someone else's verified identity is someone else.
    const other = await connect({ userId: 'customer-43', userHash: hash('customer-43') });
    await next(other, 'connect');
    expect(data(await other.emitWithAck('hello', {})).conversation).toBeNull();
  });

  it('refuses a hash made for another user or with another secret, and a lone userId', async () => {
    const forged = await connect({ userId: 'customer-42', userHash: hash('customer-43') });
    expect(await next<Error>(forged, 'connect_error')).toMatchObject({
      message: expect.stringContaining('identity could not be verified'),
      data: { code: 'forbidden', cause: 'user_hash' },
    });
    const guessed = await connect({
      userId: 'customer-42',
      userHash: hash('customer-42', 'guess'),
    });
    expect((await next<Error>(guessed, 'connect_error')).message).toContain(
      'could not be verified',
    );
    const lone = await connect({ userId: 'customer-42' });
    expect((await next<Error>(lone, 'connect_error')).message).toContain(
      'userHash: userId and userHash go together',
    );
  });
});
