// @vitest-environment happy-dom
/**
 * Webmaster diagnostics: a handshake the server refuses for a setup problem (an origin not
 * allowed, an unknown site, a userHash that does not verify) leaves the visitor with "Chat isn't
 * available" and gives the page's console one warning naming the cause and its fix, once per
 * page however often the widget tries; a host-chat rating's bad signature likewise. A refusal
 * that is not a setup problem warns nothing.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { WebSocket } from 'ws';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectError } from '../../server/sockets/handle';
import type { RatingSave } from '../../shared/protocol';
import type { RatingDelivery } from '../../widget/app/delivery';

let http: HttpServer;
let io: Server;
let url: string;
let warn: ReturnType<typeof vi.spyOn>;

/** What the server says for each site id the test connects with. */
const REFUSALS: Record<string, Parameters<typeof connectError>> = {
  elsewhere: [
    'forbidden',
    "this page's origin http://127.0.0.1:4260 is not one of the site's allowed origins: add it in the admin screens (Settings, Allowed origins).",
    'origin',
  ],
  typo: [
    'not_found',
    'there is no site "typo": check data-site in the snippet (the site id is shown in the admin screens).',
    'unknown_site',
  ],
  signed: [
    'forbidden',
    'the signed-in user\'s identity could not be verified: userHash must be the hex HMAC-SHA256 of "user:" + userId made with the site\'s current signing secret (after a key rotation, sign with the new one).',
    'user_hash',
  ],
  broken: ['internal', 'The chat is unavailable right now.'],
};

const delivery: RatingDelivery = {
  save: async () => null,
  flush: async () => {},
  destroy: () => {},
};

beforeEach(async () => {
  vi.resetModules();
  vi.stubGlobal('WebSocket', WebSocket);
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  http = createServer();
  io = new Server(http, { transports: ['websocket'] });
  io.of('/visitor').use((socket, next) => {
    const refusal = REFUSALS[String(socket.handshake.auth.siteId)];
    next(refusal ? connectError(...refusal) : undefined);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise<void>((resolve) => io.close(() => resolve()));
  vi.unstubAllGlobals();
  warn.mockRestore();
});

/** A page: the widget's modules fresh, as on a new page load. */
async function page() {
  const { connect } = await import('../../widget/app/connection');
  return async (siteId: string) => {
    const chat = connect(url, siteId, delivery);
    await vi.waitFor(() => expect(chat.state().status).toBe('unavailable'));
    chat.destroy();
    return chat;
  };
}

describe('webmaster diagnostics', () => {
  it.each(Object.entries(REFUSALS).filter(([, r]) => r[2]))(
    'warns once about %s, and the visitor sees only that chat is unavailable',
    async (siteId, [, message]) => {
      const open = await page();
      await open(siteId);
      // The widget tries again on the same page (another mount, a reconnection).
      await open(siteId);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn).toHaveBeenCalledWith(`Peakend: ${message}`);
    },
  );

  it("names the page's origin and the fix", async () => {
    const open = await page();
    await open('elsewhere');
    expect(warn.mock.calls[0]?.[0]).toMatch(
      /^Peakend: this page's origin http:\/\/127\.0\.0\.1:4260 is not one of the site's allowed origins: add it/,
    );
  });

  it('warns about each cause once, and about nothing else', async () => {
    const open = await page();
    await open('broken');
    expect(warn).not.toHaveBeenCalled();
    await open('typo');
    await open('elsewhere');
    await open('typo');
    expect(warn.mock.calls.map((call: unknown[]) => String(call[0]).slice(0, 26))).toEqual([
      'Peakend: there is no site ',
      "Peakend: this page's origi",
    ]);
  });

  it("warns once about a host-chat rating's bad signature", async () => {
    const { warnSetup } = await import('../../widget/app/setup-warning');
    const { createRatingDelivery } = await import('../../widget/app/delivery');
    const refused = {
      ok: false as const,
      error: {
        code: 'forbidden' as const,
        message: "the rating's signature does not match its conversation: sign it again",
        cause: 'signature' as const,
      },
    };
    const stored: RatingSave[] = [];
    const rating = createRatingDelivery({
      server: url,
      site: 'demo',
      token: () => undefined,
      socket: () => async () => refused,
      onAccepted: () => {},
      outbox: {
        list: () => [...stored],
        add: (save) => void stored.push(save),
        remove: (key) =>
          void stored.splice(
            stored.findIndex((s) => s.key === key),
            1,
          ),
      },
    });
    await rating.save({ conversationId: 'c1', key: 'k1', end: 4, signature: 'ab' });
    await rating.save({ conversationId: 'c1', key: 'k2', end: 5, signature: 'ab' });
    rating.destroy();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(`Peakend: ${refused.error.message}`);
    warnSetup(undefined, 'not a setup problem');
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
