/**
 * The visitor namespace: the widget's chat and rating card. A visitor is recognised by a signed
 * token and reaches only their own conversations.
 */
import {
  ZConversationRef,
  ZEmpty,
  ZPromiseDispute,
  ZRatingSave,
  ZTyping,
  ZVisitorAuth,
  ZVisitorMessage,
  type VisitorClientEvents,
} from '../../shared/protocol';
import { originAllowed } from '../auth/origins';
import { signingKeyOf } from '../auth/signing';
import { acceptsKey } from '../auth/site-keys';
import { issueVisitorToken, readVisitorToken, verifiedVisitorId } from '../auth/tokens';
import type { Clock } from '../clock';
import { describeIssues, Refusal } from '../errors';
import { StatedReplyMinutes } from '../insights/stated-reply';
import type { AddressOf } from '../limits/sockets';
import type { LiveViews } from '../live/broadcast';
import { visitorRatingView } from '../live/views';
import {
  keyVisitorsRoom,
  siteRoom,
  siteVisitorsRoom,
  visitorRoom,
  type AgentNamespace,
  type VisitorNamespace,
} from '../live/rooms';
import type { Logger } from '../logger';
import type { BuiltInChat, VisitorSource } from '../sources/chat';
import type { SitePresences } from '../live/site-presence';
import type { Site, Store } from '../storage/store';
import { answerer, connectError } from './handle';

interface Deps {
  /** Whether the site's team is there (the widget's away mode). */
  presences: SitePresences;
  store: Store;
  /** The site as it is now (kept by the change feed, so no read per event). */
  sites: (siteId: string) => Promise<Site | null>;
  chat: BuiltInChat;
  clock: Clock;
  views: LiveViews;
  visitors: VisitorNamespace;
  agents: AgentNamespace;
  addressOf: AddressOf;
  log: Logger;
}

export function serveVisitors(deps: Deps): void {
  const { store, sites, chat, clock, views, visitors, agents, addressOf, log, presences } = deps;
  const statedReply = new StatedReplyMinutes(store, clock);
  visitors.use((socket, next) => {
    const auth = ZVisitorAuth.safeParse(socket.handshake.auth);
    if (!auth.success) {
      const aboutSite = auth.error.issues.some((issue) => issue.path[0] === 'siteId');
      return next(
        connectError(
          'invalid',
          aboutSite
            ? 'The widget did not say which site it belongs to (data-site).'
            : `The widget's handshake is invalid: ${describeIssues(auth.error.issues)
                .map((i) => `${i.path}: ${i.message}`)
                .join('; ')}.`,
          'handshake',
        ),
      );
    }
    const { siteId, visitorToken, userId, userHash, email } = auth.data;
    Promise.all([sites(siteId), store.secret('visitor-token')])
      .then(async ([site, secret]) => {
        if (!site) {
          return next(
            connectError(
              'not_found',
              `there is no site "${siteId}": check data-site in the snippet (the site id is shown in the admin screens).`,
              'unknown_site',
            ),
          );
        }
        const origin = socket.handshake.headers.origin;
        if (!originAllowed(origin, site.allowedOrigins, socket.handshake.headers.host)) {
          return next(
            connectError(
              'forbidden',
              `this page's origin ${String(origin)} is not one of the site's allowed origins: add it in the admin screens (Settings, Allowed origins).`,
              'origin',
            ),
          );
        }
        let visitor: { visitorId: string; token: string };
        /** The key the socket is vouched for under: it lasts as long as the site accepts it. */
        let keyHash: string | null;
        const now = clock.now();
        if (userId !== undefined && userHash !== undefined) {
          // A signed-in user of the site, vouched for by its server: the same visitor everywhere.
          const signing = await store.secret('site-signing');
          const signedUnder = signingKeyOf(signing, site, now, 'user', userId, userHash);
          if (!signedUnder) {
            return next(
              connectError(
                'forbidden',
                'the signed-in user\'s identity could not be verified: userHash must be the hex HMAC-SHA256 of "user:" + userId made with the site\'s current signing secret (after a key rotation, sign with the new one).',
                'user_hash',
              ),
            );
          }
          // Vouched for by the previous key's secret (in its grace period), the token stays under
          // that key and dies with it: a userHash made with an old secret cannot outlive it.
          keyHash = signedUnder.keyHash;
          const under = { id: siteId, keyHash };
          visitor = issueVisitorToken(secret, under, now, verifiedVisitorId(siteId, userId));
        } else {
          // A valid token is renewed (same visitor, fresh expiry); an expired, revoked or forged
          // one gets a new visitor, as no token does.
          const known = visitorToken ? readVisitorToken(secret, site, visitorToken, now) : null;
          // An anonymous visitor back during a grace period moves to the current key and keeps
          // their conversations; a signed-in user's token stays under the key that vouched for
          // them, so it cannot be renewed past that key's end.
          keyHash = known?.visitorId.startsWith('u-') ? known.keyHash : site.keyHash;
          const under = { id: siteId, keyHash };
          visitor = issueVisitorToken(secret, under, now, known?.visitorId);
        }
        socket.data = {
          siteId,
          visitorId: visitor.visitorId,
          visitorToken: visitor.token,
          keyHash,
          // Only a verified user's (the schema takes it only with userId and userHash).
          ...(email !== undefined && { email }),
        };
        void socket.join([
          visitorRoom(siteId, visitor.visitorId),
          siteVisitorsRoom(siteId),
          keyVisitorsRoom(siteId, keyHash),
        ]);
        next();
      })
      .catch((error: unknown) => {
        log.error('visitor handshake failed', error);
        next(connectError('internal', 'The chat is unavailable right now.'));
      });
  });

  visitors.on('connection', (socket) => {
    const answer = answerer<VisitorClientEvents>(socket, log);
    const { siteId, visitorId, visitorToken, email } = socket.data;
    // What the flood limits and the member rule look at (sources/chat.ts).
    const from: VisitorSource = { address: addressOf(socket.request), email };
    const site = async () => {
      const found = await sites(siteId);
      if (!found) throw new Refusal('not_found', `Unknown site "${siteId}".`);
      return found;
    };

    // Before every event: once the key the socket was vouched for under is no longer accepted
    // (its grace period ran out), the socket ends instead of acting on it. The widget connects
    // again, and its token, revoked with that key, makes it a new visitor.
    socket.use((_packet, proceed) => {
      sites(siteId).then(
        (found) => {
          if (!found || acceptsKey(found, socket.data.keyHash, clock.now())) proceed();
          else socket.disconnect(true);
        },
        // The handler reads the site again, and answers its failure.
        () => proceed(),
      );
    });

    answer('hello', ZEmpty, async () => {
      const s = await site();
      const [latest, replyMinutes, presence] = await Promise.all([
        store.latestConversationOf(siteId, visitorId),
        statedReply.of(s),
        presences.of(s),
      ]);
      return {
        visitorId,
        visitorToken,
        conversation: latest ? await views.visitorView(s, latest) : null,
        replyMinutes,
        presence,
      };
    });

    answer('message:send', ZVisitorMessage, async ({ text, profile, visit, contact }) => {
      const s = await site();
      const opening = { ...profile, ...(visit && { visit }), ...(contact && { contact }) };
      return views.visitorView(s, await chat.visitorMessage(s, visitorId, text, from, opening));
    });

    answer('conversation:end', ZConversationRef, async ({ conversationId }) => {
      const s = await site();
      return views.visitorView(s, await chat.visitorEnd(s, visitorId, conversationId));
    });

    answer('conversation:reopen', ZConversationRef, async ({ conversationId }) => {
      const s = await site();
      return views.visitorView(s, await chat.visitorReopen(s, visitorId, conversationId));
    });

    answer('rating:save', ZRatingSave, async (input) => {
      const s = await site();
      const saved = visitorRatingView(s, await chat.rate(s, visitorId, input, from));
      if (!saved) throw new Error('a saved rating is missing from its conversation');
      return saved;
    });

    answer('promise:dispute', ZPromiseDispute, async ({ conversationId, promiseId }) => {
      const s = await site();
      const state = await chat.visitorDispute(s, visitorId, conversationId, promiseId);
      return views.visitorView(s, state);
    });

    // Typing is a hint, not a fact: relayed to the site's agents, never stored.
    socket.on('typing', (payload: unknown) => {
      const parsed = ZTyping.safeParse(payload);
      if (!parsed.success) return;
      store
        .latestConversationOf(siteId, visitorId)
        .then((latest) => {
          if (latest?.status !== 'open') return;
          agents.to(siteRoom(siteId)).emit('typing', {
            conversationId: latest.id,
            typing: parsed.data.typing,
          });
        })
        .catch((error: unknown) => log.error('typing relay failed', error));
    });
  });
}
