/**
 * The account and sign-in findings of the outside review (issue 9: H3, M3, L1, L2, L3, L5, L6 and
 * the concurrent accepts), each as the attack it was, against a real server on both stores; and
 * the account menu's "change password" and "sign out everywhere". Every attack test fails on the
 * code from before the fix.
 *
 * Email is nodemailer's JSON transport in place of SMTP_URL's server: what Peakend would send is
 * read from it.
 */
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InviteLookup, NewInviteView, SignInChoice } from '../../shared/accounts';
import type { SignedInAgent } from '../../shared/protocol';
import type { NewSiteView } from '../../shared/sites';
import { sha256 } from '../../server/auth/tokens';
import { DEMO_PASSWORD } from '../../server/demo/seed';
import {
  agentSocket,
  call,
  next,
  startServer,
  TEST_ADMIN_TOKEN,
  type AgentClient,
  type CallOptions,
  type TestServer,
} from '../support/server';
import { createTestStorage, storeKinds, type TestStorage } from '../support/stores';

const MINUTE = 60_000;

interface Sent {
  to: string;
  subject: string;
  text: string;
}

/** nodemailer's JSON transport, keeping every message it is handed. */
function mailbox() {
  const transport = nodemailer.createTransport({ jsonTransport: true });
  const sent: Sent[] = [];
  transport.use('compile', (mail, done) => {
    const { to, subject, text } = mail.data;
    sent.push({ to: String(to), subject: String(subject), text: String(text) });
    done();
  });
  return {
    transport,
    sent,
    /** The secret of the last link to `page` mailed to `to`. */
    secret(to: string, page: 'join' | 'verify'): string {
      const mail = sent.filter((m) => m.to === to && m.text.includes(`/console/${page}#`)).at(-1);
      const match = mail && new RegExp(`/console/${page}#([\\w-]+)`).exec(mail.text);
      if (!match) throw new Error(`no ${page} link mailed to ${to}`);
      return match[1]!;
    },
  };
}

let serial = 0;
const unique = (prefix: string) => `${prefix}-${++serial}-${Date.now().toString(36)}`;

describe.each(await storeKinds())('account attacks (%s)', (kind) => {
  const storages: TestStorage[] = [];
  const sockets: AgentClient[] = [];
  /** No email: what Peakend does without SMTP_URL. */
  let plain: TestServer;
  /** Email through the JSON transport: as with SMTP_URL. */
  let mailing: TestServer;
  const mail = mailbox();

  async function serve(options: { mailTransport?: ReturnType<typeof mailbox>['transport'] } = {}) {
    const storage = await createTestStorage(kind);
    storages.push(storage);
    return startServer({ storage, ...options });
  }

  beforeAll(async () => {
    plain = await serve();
    mailing = await serve({ mailTransport: mail.transport });
  });

  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    await Promise.all([plain, mailing].map((server) => server?.stop()));
    for (const storage of storages) await storage.remove();
  });

  // -- helpers over one server -----------------------------------------------------------------

  const newSite = async (server: TestServer, name = unique('Site')) => {
    const created = await call<NewSiteView>(server, 'POST', '/api/v1/sites', {
      token: TEST_ADMIN_TOKEN,
      body: { name, allowedOrigins: [] },
    });
    expect(created.status).toBe(201);
    return created.body.siteId;
  };

  const invite = async (
    server: TestServer,
    siteId: string,
    email: string,
    role = 'agent',
    cookie?: string,
  ) => {
    const created = await call<NewInviteView>(server, 'POST', `/api/v1/sites/${siteId}/invites`, {
      ...(cookie ? { cookie } : { token: TEST_ADMIN_TOKEN }),
      body: { email, role },
    });
    expect(created.status).toBe(201);
    return { ...created.body, token: created.body.link.split('#')[1]! };
  };

  const lookup = (server: TestServer, token: string) =>
    call<InviteLookup>(server, 'POST', '/api/v1/invites/lookup', { body: { token } });

  /** Accepts as someone new; the session cookie and the agent. */
  const acceptNew = async (server: TestServer, token: string, name: string, password: string) => {
    const joined = await call<{ agent: SignedInAgent }>(server, 'POST', '/api/v1/invites/accept', {
      body: { token, name, password },
    });
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    return { cookie: joined.cookie!, agent: joined.body.agent };
  };

  /** A new person on a site (a new account for it), signed in. */
  const join = async (
    server: TestServer,
    siteId: string,
    email: string,
    password: string,
    role = 'agent',
  ) => acceptNew(server, (await invite(server, siteId, email, role)).token, email, password);

  const signIn = (server: TestServer, email: string, password: string, extra: CallOptions = {}) =>
    call<{ agent?: SignedInAgent } & Partial<SignInChoice>>(server, 'POST', '/api/v1/session', {
      ...extra,
      body: { email, password, ...(extra.body as object) },
    });

  const me = (server: TestServer, cookie: string) =>
    call<{ agent: SignedInAgent }>(server, 'GET', '/api/v1/session', { cookie });

  // -- H3 --------------------------------------------------------------------------------------

  it('H3: an invite link takes no password, so an admin of another site cannot guess one on it', async () => {
    const siteB = await newSite(plain);
    const bob = await join(plain, siteB, `${unique('bob')}@b.test`, 'bob’s own password', 'admin');
    // Anna's account (the demo's) may join any site's invite: Bob, admin of B, invites her.
    const victim = 'anna@demo.peakend.test';
    for (let round = 0; round < 2; round++) {
      // Re-inviting gives a fresh link each time: it must not be a fresh set of guesses.
      const link = await invite(plain, siteB, victim, 'agent', bob.cookie);
      expect((await lookup(plain, link.token)).body.accountExists).toBe(true);
      const answers = [];
      for (const password of ['guess one', 'guess two', DEMO_PASSWORD]) {
        answers.push(
          await call(plain, 'POST', '/api/v1/invites/accept', {
            body: { token: link.token, password },
          }),
        );
      }
      // Wrong or right, the same answer: sign in first. No session, no membership.
      for (const answer of answers) {
        expect(answer.status).toBe(401);
        expect(answer.setCookie).toBeNull();
        expect(answer.body).toEqual(answers[0]!.body);
      }
      expect(answers[0]!.body.error?.message).toMatch(/sign in with it, then accept/);
    }
    const team = await call<{ members: { email: string | null }[] }>(
      plain,
      'GET',
      `/api/v1/sites/${siteB}/members`,
      { cookie: bob.cookie },
    );
    expect(team.body.members.map((m) => m.email)).not.toContain(victim);
  });

  it('H3: creating an invite says nothing of whether the email has an account anywhere', async () => {
    const siteB = await newSite(plain);
    const bob = await join(plain, siteB, `${unique('bob')}@b.test`, 'bob’s own password', 'admin');
    const existing = await invite(plain, siteB, 'anna@demo.peakend.test', 'agent', bob.cookie);
    const unknown = await invite(plain, siteB, `${unique('nobody')}@x.test`, 'agent', bob.cookie);
    const shape = (view: NewInviteView) =>
      Object.entries(view)
        .filter(
          ([key]) =>
            !['inviteId', 'email', 'link', 'token', 'createdAt', 'expiresAt'].includes(key),
        )
        .sort();
    expect(shape(existing)).toEqual(shape(unknown));
    // Nor does sign-in: a wrong password for a real account reads as an unknown email.
    const real = await signIn(plain, 'anna@demo.peakend.test', 'not her password');
    const none = await signIn(plain, `${unique('nobody')}@x.test`, 'not her password');
    expect({ status: real.status, body: real.body }).toEqual({
      status: none.status,
      body: none.body,
    });
  });

  it('joins by signing in on the link’s page, with the invited account’s password only', async () => {
    const site = await newSite(plain);
    const link = await invite(plain, site, 'anna@demo.peakend.test');
    const withLink = (email: string, password: string) =>
      signIn(plain, email, password, { body: { invite: link.token } });
    // A wrong password, or another email, with the link: as any wrong sign-in.
    const wrong = await withLink('anna@demo.peakend.test', 'not her password');
    const other = await withLink('ben@demo.peakend.test', DEMO_PASSWORD);
    expect(wrong).toMatchObject({ status: 401, setCookie: null });
    expect(other).toMatchObject({ status: 401, body: wrong.body });
    const joined = await withLink('anna@demo.peakend.test', DEMO_PASSWORD);
    expect(joined.status).toBe(200);
    expect(joined.body.agent).toMatchObject({ siteId: site });
    expect(joined.body.agent?.sites.map((s) => s.siteId)).toEqual(['demo', site]);
    expect((await lookup(plain, link.token)).status).toBe(404);
  });

  it('lets someone removed from every site sign in on the page of an invite back', async () => {
    const site = await newSite(plain);
    const email = `${unique('rue')}@corp.test`;
    const rue = await join(plain, site, email, 'rue’s long password');
    const removed = await call(plain, 'DELETE', `/api/v1/sites/${site}/members/${rue.agent.id}`, {
      token: TEST_ADMIN_TOKEN,
    });
    expect(removed.status).toBe(204);
    expect((await signIn(plain, email, 'rue’s long password')).status).toBe(403);
    // Invited back: the invite joins her account (this site's own), through sign-in.
    const back = await invite(plain, site, email);
    expect((await lookup(plain, back.token)).body.accountExists).toBe(true);
    const joined = await signIn(plain, email, 'rue’s long password', {
      body: { invite: back.token },
    });
    expect(joined.status).toBe(200);
    expect(joined.body.agent?.sites.map((s) => s.siteId)).toEqual([site]);
    expect((await me(plain, joined.cookie!)).status).toBe(200);
  });

  // -- M3 --------------------------------------------------------------------------------------

  it('M3: accepting someone else’s invite yourself captures none of their later invites (no email)', async () => {
    const siteA = await newSite(plain);
    const siteB = await newSite(plain);
    const hire = `${unique('new.hire')}@corp.test`;
    // Bob, admin of B, invites the new hire and accepts the link himself, with his password.
    const bob = await join(plain, siteB, `${unique('bob')}@b.test`, 'bob’s own password', 'admin');
    const squat = await invite(plain, siteB, hire, 'agent', bob.cookie);
    await acceptNew(plain, squat.token, 'New Hire', 'bob’s squatting password');

    // Site A invites the same person: a new account for A, which Bob's never reaches.
    const fromA = await invite(plain, siteA, hire);
    expect((await lookup(plain, fromA.token)).body.accountExists).toBe(false);
    const real = await acceptNew(plain, fromA.token, 'Nia Hire', 'the real person’s password');
    expect(real.agent.sites.map((s) => s.siteId)).toEqual([siteA]);

    // Each password opens its own account: Bob's shows only B, the real person's only A.
    const asBob = await signIn(plain, hire, 'bob’s squatting password');
    expect(asBob.body.agent?.sites.map((s) => s.siteId)).toEqual([siteB]);
    const asReal = await signIn(plain, hire, 'the real person’s password');
    expect(asReal.body.agent?.sites.map((s) => s.siteId)).toEqual([siteA]);
  });

  it('asks which site only when the password opens accounts on several, then signs in there', async () => {
    const siteA = await newSite(plain, unique('Alpha'));
    const siteB = await newSite(plain, unique('Beta'));
    const sam = `${unique('sam')}@two.test`;
    await join(plain, siteA, sam, 'one password for both');
    await join(plain, siteB, sam, 'one password for both');

    const asked = await signIn(plain, sam, 'one password for both');
    expect(asked.status).toBe(200);
    expect(asked.setCookie).toBeNull();
    expect(asked.body.chooseSite?.map((s) => s.siteId).sort()).toEqual([siteA, siteB].sort());
    const chosen = await signIn(plain, sam, 'one password for both', { body: { siteId: siteB } });
    expect(chosen.status).toBe(200);
    expect(chosen.body.agent).toMatchObject({ siteId: siteB });
    expect((await me(plain, chosen.cookie!)).body.agent.siteId).toBe(siteB);
    // Without the password nothing tells that the email has several accounts.
    const wrong = await signIn(plain, sam, 'a wrong password');
    const none = await signIn(plain, `${unique('nobody')}@two.test`, 'a wrong password');
    expect(wrong).toMatchObject({ status: 401, body: none.body });
    // A site none of the accounts belongs to.
    const elsewhere = await signIn(plain, sam, 'one password for both', {
      body: { siteId: 'demo' },
    });
    expect(elsewhere.status).toBe(403);
  });

  it('M3 with email: invites are mailed, and only an account whose owner proved the email joins a second site', async () => {
    const siteC = await newSite(mailing);
    const siteD = await newSite(mailing);
    const person = `${unique('new.person')}@corp.test`;

    const toC = await invite(mailing, siteC, person);
    expect(toC.emailed).toBe(true);
    expect(mail.secret(person, 'join')).toBe(toC.token);
    const onC = await acceptNew(mailing, toC.token, 'New Person', 'new person’s password');
    expect(onC.agent.emailUnconfirmed).toBe(true);
    expect((await me(mailing, onC.cookie)).body.agent.emailUnconfirmed).toBe(true);

    // Unproven: D's invite does not reach the account C's invite made.
    const early = await invite(mailing, siteD, person);
    expect((await lookup(mailing, early.token)).body.accountExists).toBe(false);

    // The link proves the email only for the account signed in.
    const secret = mail.secret(person, 'verify');
    const verify = (cookie?: string) =>
      call<{ agent: SignedInAgent }>(mailing, 'POST', '/api/v1/account/verify', {
        cookie,
        body: { token: secret },
      });
    expect((await verify()).status).toBe(401);
    const verified = await verify(onC.cookie);
    expect(verified.status).toBe(200);
    expect(verified.body.agent.emailUnconfirmed).toBeUndefined();
    expect((await verify(onC.cookie)).status).toBe(404);

    // Proven: D's invite joins it, through the normal sign-in.
    const toD = await invite(mailing, siteD, person);
    expect((await lookup(mailing, toD.token)).body.accountExists).toBe(true);
    const accept = (cookie?: string) =>
      call<{ agent: SignedInAgent }>(mailing, 'POST', '/api/v1/invites/accept', {
        cookie,
        body: { token: toD.token },
      });
    expect((await accept()).status).toBe(401);
    const joined = await accept(onC.cookie);
    expect(joined.status).toBe(201);
    expect(joined.body.agent.sites.map((s) => s.siteId)).toEqual([siteC, siteD]);
    expect(joined.body.agent.siteId).toBe(siteD);
    expect((await me(mailing, onC.cookie)).body.agent.siteId).toBe(siteD);
  });

  it('M3 with email: the mailbox’s owner cannot vouch for an account someone else made with it', async () => {
    const siteE = await newSite(mailing);
    const siteF = await newSite(mailing);
    const victim = `${unique('victim')}@corp.test`;
    // Eve, admin of E, accepts her invite for the victim herself.
    const eve = await join(
      mailing,
      siteE,
      `${unique('eve')}@e.test`,
      'eve’s own password',
      'admin',
    );
    const squat = await invite(mailing, siteE, victim, 'agent', eve.cookie);
    await acceptNew(mailing, squat.token, 'Victim', 'eve’s squatting password');
    const secret = mail.secret(victim, 'verify');

    // The victim gets the mail and clicks it, signed in with their own account (of F).
    const own = await join(mailing, siteF, victim, 'the victim’s password');
    const clicked = await call(mailing, 'POST', '/api/v1/account/verify', {
      cookie: own.cookie,
      body: { token: secret },
    });
    expect(clicked.status).toBe(404);
    // Eve's account stays unproven: a third site's invite does not reach it.
    const third = await newSite(mailing);
    const later = await invite(mailing, third, victim);
    const offered = await lookup(mailing, later.token);
    // The victim's own F account is unproven too: a new account for the third site.
    expect(offered.body.accountExists).toBe(false);
  });

  it('mails a new link on request, not to a proven account, and not twice a minute', async () => {
    const siteG = await newSite(mailing);
    const person = `${unique('gil')}@corp.test`;
    const gil = await join(mailing, siteG, person, 'gil’s long password');
    const count = () => mail.sent.filter((m) => m.to === person && /verify#/.test(m.text)).length;
    const ask = () => call(mailing, 'POST', '/api/v1/account/verification', { cookie: gil.cookie });
    expect(count()).toBe(1);
    expect((await ask()).status).toBe(204);
    expect(count()).toBe(2);
    expect((await ask()).status).toBe(429);
    expect(count()).toBe(2);
    const verified = await call(mailing, 'POST', '/api/v1/account/verify', {
      cookie: gil.cookie,
      body: { token: mail.secret(person, 'verify') },
    });
    expect(verified.status).toBe(200);
    // Without email there is no link to ask for.
    const siteH = await newSite(plain);
    const hal = await join(plain, siteH, `${unique('hal')}@corp.test`, 'hal’s long password');
    expect(hal.agent.emailUnconfirmed).toBeUndefined();
    const none = await call(plain, 'POST', '/api/v1/account/verification', { cookie: hal.cookie });
    expect(none.status).toBe(409);
  });

  // -- L6 --------------------------------------------------------------------------------------

  it('L6: invite tokens travel in the body, never in a path a proxy logs', async () => {
    const site = await newSite(plain);
    const link = await invite(plain, site, `${unique('ivy')}@corp.test`);
    // The link keeps its secret after #, which browsers never send.
    expect(link.link).toMatch(/\/console\/join#[\w-]+$/);
    for (const method of ['GET', 'POST']) {
      const inPath = await call(plain, method, `/api/v1/invites/${link.token}`, {
        body: method === 'POST' ? { name: 'Ivy', password: 'a long enough password' } : undefined,
      });
      expect(inPath.status).toBe(404);
      expect(inPath.body.error?.message).toMatch(/^No route/);
    }
    expect((await lookup(plain, link.token)).status).toBe(200);
  });

  // -- concurrent accepts --------------------------------------------------------------------

  it('answers 409, not 500, when two accepts make the same account at once', async () => {
    const site = await newSite(plain);
    const email = `${unique('twin')}@corp.test`;
    const store = plain.application.store;
    // Two live invites of one site for one email (a race of two admins inviting at once).
    const tokens = [
      unique('twin-token-aaaaaaaaaaaaaaaaaaaa'),
      unique('twin-token-bbbbbbbbbbbbbbbbbbbb'),
    ];
    for (const token of tokens) {
      await store.createInvite({
        id: unique('inv'),
        tokenHash: sha256(token),
        siteId: site,
        email,
        role: 'agent',
        agentId: null,
        createdAt: Date.now(),
        expiresAt: Date.now() + 60 * MINUTE,
      });
    }
    const answers = await Promise.all(
      tokens.map((token) =>
        call(plain, 'POST', '/api/v1/invites/accept', {
          body: { token, name: 'Twin', password: 'a long enough password' },
        }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 409)?.body.error?.code).toBe('conflict');
    expect(await store.accountsByEmail(email)).toHaveLength(1);

    // Two sites' invites for one new email, at once: an account for each site.
    const [one, two] = [await newSite(plain), await newSite(plain)];
    const other = `${unique('pair')}@corp.test`;
    const links = [await invite(plain, one, other), await invite(plain, two, other)];
    const both = await Promise.all(
      links.map((link) =>
        call(plain, 'POST', '/api/v1/invites/accept', {
          body: { token: link.token, name: 'Pair', password: 'a long enough password' },
        }),
      ),
    );
    expect(both.map((a) => a.status)).toEqual([201, 201]);
  });

  // -- L5 --------------------------------------------------------------------------------------

  it('L5: two admins demoting or removing each other at once leave the site one admin', async () => {
    for (let round = 0; round < 6; round++) {
      const site = await newSite(plain);
      const x = await join(plain, site, `${unique('x')}@l5.test`, 'x’s long password', 'admin');
      const y = await join(plain, site, `${unique('y')}@l5.test`, 'y’s long password', 'admin');
      const remove = round % 2 === 1;
      const act = (by: typeof x, target: typeof y) =>
        call(
          plain,
          remove ? 'DELETE' : 'PATCH',
          `/api/v1/sites/${site}/members/${target.agent.id}`,
          {
            cookie: by.cookie,
            ...(remove ? {} : { body: { role: 'agent' } }),
          },
        );
      const answers = await Promise.all([act(x, y), act(y, x)]);
      const done = answers.filter((a) => a.status < 300);
      expect(done, JSON.stringify(answers.map((a) => [a.status, a.body]))).toHaveLength(1);
      for (const refused of answers.filter((a) => a.status >= 300)) {
        expect([403, 409]).toContain(refused.status);
      }
      const team = await call<{ members: { role: string; hasAccess: boolean }[] }>(
        plain,
        'GET',
        `/api/v1/sites/${site}/members`,
        { token: TEST_ADMIN_TOKEN },
      );
      expect(team.body.members.filter((m) => m.role === 'admin' && m.hasAccess)).toHaveLength(1);
    }
  });

  // -- change password, sign out everywhere ----------------------------------------------------

  it('changes the password with the current one, signing out every other browser', async () => {
    const site = await newSite(plain);
    const email = `${unique('pat')}@corp.test`;
    const first = await join(plain, site, email, 'pat’s first password');
    const other = (await signIn(plain, email, 'pat’s first password')).cookie!;
    const otherSocket = agentSocket(plain.url, other);
    sockets.push(otherSocket);
    await next(otherSocket, 'connect');
    const change = (body: unknown, extra: CallOptions = {}) =>
      call(plain, 'POST', '/api/v1/account/password', { cookie: first.cookie, body, ...extra });

    const wrong = await change({ currentPassword: 'not it', newPassword: 'pat’s new password' });
    expect(wrong).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } });
    expect(
      (await change({ currentPassword: 'pat’s first password', newPassword: 'short' })).status,
    ).toBe(400);
    const foreign = await change(
      { currentPassword: 'pat’s first password', newPassword: 'pat’s new password' },
      { origin: 'https://shop.example' },
    );
    expect(foreign.status).toBe(403);
    expect((await signIn(plain, email, 'pat’s first password')).status).toBe(200);

    const dropped = next(otherSocket, 'disconnect');
    const changed = await change({
      currentPassword: 'pat’s first password',
      newPassword: 'pat’s new password',
    });
    expect(changed.status).toBe(204);
    await dropped;
    expect((await me(plain, other)).status).toBe(401);
    expect((await me(plain, first.cookie)).status).toBe(200);
    expect((await signIn(plain, email, 'pat’s first password')).status).toBe(401);
    expect((await signIn(plain, email, 'pat’s new password')).status).toBe(200);
  });

  it('signs out everywhere: every session of the account ends, and its consoles close', async () => {
    const site = await newSite(plain);
    const email = `${unique('sol')}@corp.test`;
    const one = await join(plain, site, email, 'sol’s long password');
    const two = (await signIn(plain, email, 'sol’s long password')).cookie!;
    const someoneElse = await join(plain, site, `${unique('tia')}@corp.test`, 'tia’s password!');
    const consoles = [agentSocket(plain.url, one.cookie), agentSocket(plain.url, two)];
    sockets.push(...consoles);
    await Promise.all(consoles.map((socket) => next(socket, 'connect')));
    const closed = Promise.all(consoles.map((socket) => next(socket, 'disconnect')));

    const out = await call(plain, 'DELETE', '/api/v1/account/sessions', { cookie: two });
    expect(out.status).toBe(204);
    expect(out.setCookie).toMatch(/^peakend_session=; Max-Age=0;/);
    await closed;
    expect((await me(plain, one.cookie)).status).toBe(401);
    expect((await me(plain, two)).status).toBe(401);
    expect((await me(plain, someoneElse.cookie)).status).toBe(200);
    expect((await call(plain, 'DELETE', '/api/v1/account/sessions')).status).toBe(401);
  });
});

describe.each(await storeKinds())('sign-in backoff from many places (%s)', (kind) => {
  let storage: TestStorage;
  let server: TestServer;
  let offset = 0;
  const now = () => Date.parse('2026-09-01T08:00:00Z') + offset;
  const ROOMY = { points: 10_000, seconds: 60 };

  beforeAll(async () => {
    storage = await createTestStorage(kind);
    server = await startServer({
      storage,
      clock: { now },
      rateLimits: {
        exemptLocal: false,
        rates: { api: { ip: ROOMY }, signIn: { ip: ROOMY } },
        signInBackoff: {
          freeFailuresPerEmail: 5,
          freeFailuresPerIp: 10,
          firstWaitMs: 1000,
          longestWaitMs: 4000,
          emailFailuresPerHour: 12,
          emailDelayMs: 72_000,
        },
      },
    });
  });

  afterAll(async () => {
    await server?.stop();
    await storage?.remove();
  });

  const attempt = (email: string, password: string, ip: string) =>
    call(server, 'POST', '/api/v1/session', { ip, body: { email, password } });

  it('L1: guesses from elsewhere never lock the owner out', async () => {
    const attacker = '203.0.113.66';
    let guesses = 0;
    while (guesses < 8) {
      const answer = await attempt('anna@demo.peakend.test', `guess ${guesses}`, attacker);
      if (answer.status === 401) guesses++;
      else {
        // The attacker's own address backs off, strictly.
        expect(answer.status).toBe(429);
        offset += Number(answer.retryAfter) * 1000;
      }
    }
    const owner = await attempt('anna@demo.peakend.test', DEMO_PASSWORD, '198.51.100.7');
    expect(owner.status).toBe(200);
  });

  it('L1: many failures for one email slow every address down, yet the owner gets in after the delay', async () => {
    // Twelve addresses, one wrong guess each: no address backs off, the email does.
    for (let i = 0; i < 12; i++) {
      expect((await attempt('ben@demo.peakend.test', 'a guess', `203.0.113.${i + 1}`)).status).toBe(
        401,
      );
    }
    const owner = '198.51.100.20';
    const delayed = await attempt('ben@demo.peakend.test', DEMO_PASSWORD, owner);
    expect(delayed.status).toBe(429);
    expect(delayed.body.error?.message).toMatch(/Many failed sign-ins for this email/);
    expect(Number(delayed.retryAfter)).toBe(72);
    // Guesses meanwhile from a new address wait their own turn, and do not take the owner's.
    const guesser = '203.0.113.99';
    expect((await attempt('ben@demo.peakend.test', 'a guess', guesser)).status).toBe(429);
    offset += 72_000;
    expect((await attempt('ben@demo.peakend.test', 'a guess', guesser)).status).toBe(401);
    expect((await attempt('ben@demo.peakend.test', 'a guess', guesser)).status).toBe(429);
    // After the delay the owner's right password goes through.
    expect((await attempt('ben@demo.peakend.test', DEMO_PASSWORD, owner)).status).toBe(200);
  });

  it('H3: guesses sent with an invite link back off like any sign-in', async () => {
    const created = await call<NewSiteView>(server, 'POST', '/api/v1/sites', {
      token: TEST_ADMIN_TOKEN,
      body: { name: 'B', allowedOrigins: [] },
    });
    const link = await call<NewInviteView>(
      server,
      'POST',
      `/api/v1/sites/${created.body.siteId}/invites`,
      { token: TEST_ADMIN_TOKEN, body: { email: 'dana@demo.peakend.test', role: 'agent' } },
    );
    const token = link.body.link.split('#')[1]!;
    const guess = (password: string) =>
      call(server, 'POST', '/api/v1/session', {
        ip: '203.0.113.200',
        body: { email: 'dana@demo.peakend.test', password, invite: token },
      });
    for (let i = 0; i < 5; i++) expect((await guess(`guess ${i}`)).status).toBe(401);
    expect((await guess(DEMO_PASSWORD)).status).toBe(429);
  });

  it('L2: signing in to one’s own account does not buy more guesses at other accounts', async () => {
    const ip = '192.0.2.9';
    for (let i = 0; i < 9; i++) {
      expect((await attempt(`someone${i}@corp.test`, 'a guess', ip)).status).toBe(401);
    }
    // The attacker's own account, from the same address.
    expect((await attempt('dana@demo.peakend.test', DEMO_PASSWORD, ip)).status).toBe(200);
    // The tenth failure from this address: the next attempt waits, as it would have anyway.
    expect((await attempt('someone9@corp.test', 'a guess', ip)).status).toBe(401);
    const held = await attempt('someone10@corp.test', 'a guess', ip);
    expect(held.status).toBe(429);
    expect(held.body.error?.message).toMatch(/Too many failed sign-ins/);
  });
});

describe.each(await storeKinds())('session cookie over https (%s)', (kind) => {
  let storage: TestStorage;
  let server: TestServer;
  const sockets: AgentClient[] = [];

  beforeAll(async () => {
    storage = await createTestStorage(kind);
    server = await startServer({ storage, publicUrl: 'https://chat.example.test' });
  });

  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    await server?.stop();
    await storage?.remove();
  });

  it('L3: uses a __Host- cookie, so a session planted from a sibling subdomain is not read', async () => {
    const signIn = (email: string) =>
      call(server, 'POST', '/api/v1/session', { body: { email, password: DEMO_PASSWORD } });
    const victim = await signIn('anna@demo.peakend.test');
    expect(victim.setCookie).toMatch(
      /^__Host-peakend_session=[\w-]{43}; Max-Age=43200; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    expect(victim.setCookie).not.toMatch(/Domain/i);

    // The attacker's own valid session token, planted under the unprefixed name, as a page on
    // shop.example.test can do for chat.example.test (Domain=example.test).
    const attacker = await signIn('ben@demo.peakend.test');
    const token = attacker.cookie!.split('=')[1]!;
    const planted = `peakend_session=${token}`;
    expect((await call(server, 'GET', '/api/v1/session', { cookie: planted })).status).toBe(401);
    const socket = agentSocket(server.url, planted);
    sockets.push(socket);
    expect((await next<Error>(socket, 'connect_error')).message).toBe('unauthorized');
    // Beside the victim's own cookie, the planted one changes nothing.
    const both = await call<{ agent: SignedInAgent }>(server, 'GET', '/api/v1/session', {
      cookie: `${planted}; ${victim.cookie}`,
    });
    expect(both.body.agent.email).toBe('anna@demo.peakend.test');
    const out = await call(server, 'DELETE', '/api/v1/session', { cookie: victim.cookie });
    expect(out.setCookie).toMatch(/^__Host-peakend_session=; Max-Age=0; Path=\/; HttpOnly; Secure/);
  });
});
