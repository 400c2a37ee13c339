/**
 * Builds the whole server from injected parts (config, storage, clock, logger), so tests start a
 * real one on port 0 with real clients. Nothing here listens; `index.ts` does.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import { hostname } from 'node:os';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Transporter } from 'nodemailer';
import { Server } from 'socket.io';
import { LIMITS } from '../shared/limits';
import { AGENT_NAMESPACE, VISITOR_NAMESPACE } from '../shared/protocol';
import { AccountMail } from './auth/account-mail';
import { createMailer, smtpTransport } from './auth/mail';
import { Sessions } from './auth/sessions';
import { sha256 } from './auth/tokens';
import { systemClock, type Clock } from './clock';
import type { Config } from './config';
import { renderDemoPage } from './demo/page';
import { accountRoutes } from './http/account';
import { apiDocRoutes } from './http/api-docs';
import { assetRoutes } from './http/assets';
import { commentRoutes } from './http/comments';
import { errorHandler, notFound } from './http/errors';
import { followupRoutes } from './http/followups';
import { visitorRoutes } from './http/visitors';
import { eventRoutes } from './http/events';
import { exportRoutes } from './http/exports';
import { historyRoutes } from './http/history';
import { segmentRoutes } from './http/segments';
import { reportRoutes } from './http/report';
import { trendRoutes } from './http/trends';
import { expectationRoutes } from './http/expectation';
import { chatwootWebhookRoutes, integrationRoutes } from './http/integrations';
import { inviteRoutes } from './http/invites';
import { metricsRoutes } from './http/metrics';
import { requestLog } from './http/request-log';
import { ratingRoutes } from './http/ratings';
import { sessionRoutes } from './http/session';
import { scoreRoutes } from './http/scores';
import { siteRoutes } from './http/sites';
import { teamRoutes } from './http/team';
import { webhookRoutes } from './http/webhooks';
import { guardSignIns, limitRequests } from './limits/http';
import { RateLimits } from './limits/limiter';
import { withOverrides, type RateLimitOverrides } from './limits/policy';
import { SignInGuard } from './limits/sign-in';
import { addressOf, limitSockets } from './limits/sockets';
import { ConsoleSockets, VisitorSockets } from './live/access';
import { LiveViews } from './live/broadcast';
import { pushFollowups } from './live/followups';
import { WaitingElsewhere } from './live/waiting';
import { FollowupQueue } from './followups/queue';
import type { AgentNamespace, VisitorNamespace } from './live/rooms';
import { createIdSource } from './pipeline/ids';
import { Scoreboards } from './scores/scoreboard';
import { clusterOf } from './cluster';
import { ChangeFeed } from './pipeline/feed';
import { Pipeline, upgradeDerivations } from './pipeline/pipeline';
import { serveAgents } from './sockets/agent';
import { trackInFlight } from './sockets/in-flight';
import { serveVisitors } from './sockets/visitor';
import { SitePresences } from './live/site-presence';
import { BuiltInChat } from './sources/chat';
import type { Store } from './storage/store';
import { createLogger, type Logger } from './logger';
import { createMetrics, type Metrics } from './metrics';
import { DIST_DIR } from './paths';
import { destinationGuard, parseAllowlist } from './webhooks/guard';
import type { Timers } from './jobs/periodic';
import { DeliveryWorker } from './webhooks/worker';
import { RetentionSweeper } from './retention/sweeper';

export interface AppParts {
  config: Config;
  store: Store;
  clock?: Clock;
  log?: Logger;
  /** Its metrics (server/metrics.ts): given, the caller can share them with the store. */
  metrics?: Metrics;
  /** Where the built browser bundles are (`npm run build`). */
  distDir?: string;
  /** Changes to the rate limits of server/limits/policy.ts (tests make them small). */
  rateLimits?: RateLimitOverrides;
  /**
   * Where email goes instead of SMTP_URL's server (tests pass nodemailer's JSON transport);
   * given, Peakend sends email as if SMTP_URL were set.
   */
  mailTransport?: Transporter;
  /** The webhook worker's timers (tests pass ones that never fire, and run it themselves). */
  timers?: Timers;
  /** Jitter of webhook retries (Math.random by default). */
  random?: () => number;
}

export interface Application {
  app: Express;
  httpServer: HttpServer;
  io: Server;
  store: Store;
  pipeline: Pipeline;
  chat: BuiltInChat;
  metrics: Metrics;
  /** This node's webhook delivery worker. */
  webhooks: DeliveryWorker;
  /** This node's data retention sweeper (tests run its sweeps themselves). */
  retention: RetentionSweeper;
  /** Resolves once the live scores of every site are built: listen after it. */
  ready(): Promise<void>;
  /** Lets running socket events answer, then closes the sockets, the HTTP server and the store. */
  close(): Promise<void>;
}

/** Longest a shutdown waits for running socket events to answer. */
const DRAIN_MS = 10_000;

export function createApplication(parts: AppParts): Application {
  const { config, store } = parts;
  const clock = parts.clock ?? systemClock;
  const log = parts.log ?? createLogger({ level: config.logLevel, production: config.production });
  const metrics = parts.metrics ?? createMetrics();

  // Every change reaches scores and views through the feed, in the change log's order.
  // This node's name in the change-log lag metric: its host and process.
  const node = `${hostname()}:${process.pid}`;
  const feed = new ChangeFeed(store, log, (ms) => metrics.setChangeLogLag(node, ms / 1000));
  store.observeCommits((facts) => metrics.observeCommitBatch(facts));
  const pipeline = new Pipeline(store, feed);
  pipeline.subscribe((recorded) => metrics.facts.inc(recorded.accepted.length));
  // On PostgreSQL, rooms, rate limits and changes reach every node on the database.
  const cluster = clusterOf(store, log);
  const limits = new RateLimits(withOverrides(parts.rateLimits), cluster.counters);
  const chat = new BuiltInChat(store, pipeline, clock, createIdSource(), limits);
  const sessions = new Sessions(store, clock, config.publicUrl.startsWith('https:'));
  const from = config.smtp?.from ?? `Peakend <peakend@${new URL(config.publicUrl).hostname}>`;
  const mailTransport =
    parts.mailTransport ?? (config.smtp ? smtpTransport(config.smtp.url) : undefined);
  const accountMail = new AccountMail(
    store,
    clock,
    mailTransport ? createMailer(mailTransport, from) : null,
    config.publicUrl,
  );
  // Console sockets to reconnect when a session or a member's access changes (after io exists).
  const consoleSockets = new ConsoleSockets();
  const visitorSockets = new VisitorSockets();
  const access = {
    store,
    sessions,
    adminTokenHash: config.adminToken && sha256(config.adminToken),
  };
  // Order matters: the scoreboard hears of each change before the views that read it.
  const scoreboards = new Scoreboards(store, clock, log);
  scoreboards.attach(feed);
  const followups = new FollowupQueue(store, (site, changes) => feed.committed(site, changes));
  // Every node runs a webhook worker; the store's claims give each delivery to one of them.
  const guard = destinationGuard(config.webhooks.guard, parseAllowlist(config.webhooks.allow));
  const webhooks = new DeliveryWorker({
    store,
    clock,
    guard,
    publicUrl: config.publicUrl,
    log,
    timers: parts.timers,
    random: parts.random,
  });
  // Every node sweeps too; a site's redactions take turns as its writes do.
  const retention = new RetentionSweeper({ store, pipeline, clock, log, timers: parts.timers });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.use(requestLog(log));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
    }),
  );
  app.use(limitRequests(limits));
  // Before the JSON parser: it checks the page's origin first, then reads at most 64 KiB.
  app.use(ratingRoutes(store, chat, clock, log));
  // Before the JSON parser too: Chatwoot's signature is over the raw body.
  app.use(chatwootWebhookRoutes(store, pipeline, clock, log));
  app.use(express.json({ limit: LIMITS.httpBodyBytes }));
  const signIns = new SignInGuard(clock, limits.policy.signInBackoff, cluster.records);
  app.use(guardSignIns(limits, signIns));

  app.get('/healthz', async (_req, res) => {
    try {
      await store.ping();
      res.setHeader('Cache-Control', 'no-store');
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable' });
    }
  });

  app.use(
    metricsRoutes(metrics, {
      adminTokenHash: access.adminTokenHash,
      metricsTokenHash: config.metricsToken && sha256(config.metricsToken),
    }),
  );

  app.get('/', (_req, res) => res.redirect(302, config.demo ? '/demo' : '/console/'));
  if (config.demo) {
    app.get('/demo', (_req, res) => {
      // The demo plays a customer's own web page: it sets its own policy, not the console's.
      const nonce = randomBytes(16).toString('base64');
      res.removeHeader('Content-Security-Policy');
      res.type('html').send(renderDemoPage({ siteId: 'demo', publicUrl: config.publicUrl, nonce }));
    });
  }
  app.use(assetRoutes(parts.distDir ?? DIST_DIR));
  app.use(apiDocRoutes());
  app.use(
    sessionRoutes({
      store,
      sessions,
      clock,
      log,
      consoleSockets,
      mailEnabled: accountMail.enabled,
    }),
  );
  app.use(accountRoutes({ store, sessions, clock, mail: accountMail, consoleSockets, signIns }));
  app.use(
    siteRoutes({
      ...access,
      pipeline,
      visitorSockets,
      clock,
      publicUrl: config.publicUrl,
    }),
  );
  app.use(
    teamRoutes({
      ...access,
      clock,
      publicUrl: config.publicUrl,
      consoleSockets,
      mail: accountMail,
      log,
    }),
  );
  app.use(inviteRoutes({ store, sessions, clock, mail: accountMail, consoleSockets, log }));
  app.use(eventRoutes(store, pipeline, clock));
  app.use(integrationRoutes({ ...access, pipeline, clock, log, publicUrl: config.publicUrl }));
  app.use(scoreRoutes(store, scoreboards, sessions, clock));
  app.use(exportRoutes(store, sessions, clock, log));
  app.use(commentRoutes(store, sessions, clock));
  app.use(segmentRoutes(store, sessions, clock));
  app.use(trendRoutes(store, sessions, clock));
  app.use(expectationRoutes(store, sessions, clock));
  app.use(reportRoutes(store, sessions, clock));
  app.use(historyRoutes(store, sessions, clock));
  app.use(followupRoutes(store, followups, sessions, clock));
  app.use(visitorRoutes({ ...access, pipeline, clock }));
  app.use(webhookRoutes({ ...access, clock, guard, worker: webhooks }));
  app.use(notFound);
  app.use(errorHandler(log));

  const httpServer = createServer(app);
  const io = new Server(httpServer, {
    ...(cluster.adapter && { adapter: cluster.adapter }),
    // Websocket only: no long-polling, so nodes behind a load balancer need no sticky sessions.
    transports: ['websocket'],
    maxHttpBufferSize: LIMITS.socketPayloadBytes,
    serveClient: false,
  });
  const visitors = io.of(VISITOR_NAMESPACE) as unknown as VisitorNamespace;
  const agents = io.of(AGENT_NAMESPACE) as unknown as AgentNamespace;
  consoleSockets.attach(agents);
  visitorSockets.attach(visitors);

  // Before the namespaces' own middleware: a flood is refused before any storage is read.
  const clientAddress = addressOf(app);
  limitSockets({ engine: io.engine, visitors, agents, limits, addressOf: clientAddress, log });
  // After the limits (a refused event is answered at once), before the handlers.
  const inFlight = trackInFlight([visitors, agents], metrics.observeAck);
  metrics.countSockets([visitors, agents]);
  const views = new LiveViews(store, clock, scoreboards, visitors, agents, log);
  views.attach(feed);
  views.follow(pipeline);
  pushFollowups(feed, agents);
  const waiting = new WaitingElsewhere(store, feed, agents, log);
  waiting.attach();
  const sites = (siteId: string) => feed.site(siteId);
  const presences = new SitePresences(agents, visitors, sites, clock, log);
  serveVisitors({
    presences,
    store,
    sites,
    chat,
    clock,
    views,
    visitors,
    agents,
    addressOf: clientAddress,
    log,
  });
  serveAgents({
    presences,
    store,
    sites,
    scoreboards,
    sessions,
    chat,
    views,
    visitors,
    agents,
    clock,
    addressOf: clientAddress,
    followups,
    waiting,
    log,
  });

  let upgrading: Promise<void> = Promise.resolve();
  const stopping = new AbortController();
  return {
    app,
    httpServer,
    io,
    store,
    pipeline,
    chat,
    metrics,
    webhooks,
    retention,
    async ready() {
      await feed.start();
      await cluster.join(feed);
      await scoreboards.warm();
      webhooks.start();
      retention.start();
      // Conversations derived by older rules are derived again in the background, a chunk at a
      // time; live scores take each chunk's changes as they come.
      upgrading = upgradeDerivations(store, pipeline, stopping.signal).catch((error: unknown) =>
        log.error('could not derive conversations by the current rules', error),
      );
    },
    async close() {
      // Events already running answer first: an acknowledged rating is never cut off.
      await inFlight.drain(DRAIN_MS);
      stopping.abort();
      // An attempt in flight is given back untried, for this node or another to send.
      await webhooks.stop();
      await retention.stop();
      await upgrading;
      await feed.idle();
      await cluster.leave();
      feed.stop();
      await scoreboards.close();
      // io.close() also closes the HTTP server it is attached to.
      await new Promise<void>((resolve) => io.close(() => resolve()));
      // Live pushes of the last writes still read the store.
      await Promise.all([views.idle(), waiting.idle()]);
      await store.close();
    },
  };
}
