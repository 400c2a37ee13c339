/**
 * Builds the whole server from injected parts (config, storage, clock, logger), so tests start a
 * real one on port 0 with real clients. Nothing here listens; `index.ts` does.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { Server } from 'socket.io';
import { LIMITS } from '../shared/limits';
import { AGENT_NAMESPACE, VISITOR_NAMESPACE } from '../shared/protocol';
import { Sessions } from './auth/sessions';
import { sha256 } from './auth/tokens';
import { systemClock, type Clock } from './clock';
import type { Config } from './config';
import { renderDemoPage } from './demo/page';
import { assetRoutes } from './http/assets';
import { errorHandler, notFound } from './http/errors';
import { eventRoutes } from './http/events';
import { sessionRoutes } from './http/session';
import { scoreRoutes } from './http/scores';
import { siteRoutes } from './http/sites';
import { LiveViews } from './live/broadcast';
import type { AgentNamespace, VisitorNamespace } from './live/rooms';
import { createIdSource } from './pipeline/ids';
import { Scoreboards } from './scores/scoreboard';
import { Pipeline } from './pipeline/pipeline';
import { serveAgents } from './sockets/agent';
import { serveVisitors } from './sockets/visitor';
import { BuiltInChat } from './sources/chat';
import type { Store } from './storage/store';
import type { Logger } from './logger';

export interface AppParts {
  config: Config;
  store: Store;
  clock?: Clock;
  log?: Logger;
  /** Where the built browser bundles are (`npm run build`). */
  distDir?: string;
}

export interface Application {
  app: Express;
  httpServer: HttpServer;
  io: Server;
  store: Store;
  pipeline: Pipeline;
  chat: BuiltInChat;
  /** Resolves once the live scores of every site are built: listen after it. */
  ready(): Promise<void>;
  /** Stops accepting connections, closes sockets, then the store. */
  close(): Promise<void>;
}

const DEFAULT_DIST = fileURLToPath(new URL('../dist', import.meta.url));

export function createApplication(parts: AppParts): Application {
  const { config, store } = parts;
  const clock = parts.clock ?? systemClock;
  const log = parts.log ?? console;

  const pipeline = new Pipeline(store);
  const chat = new BuiltInChat(store, pipeline, clock, createIdSource());
  const sessions = new Sessions(store, clock, config.publicUrl.startsWith('https:'));
  // Order matters: the scoreboard hears of each change before the views that read it.
  const scoreboards = new Scoreboards(store, clock, log);
  scoreboards.attach(pipeline);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
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
  app.use(express.json({ limit: LIMITS.httpBodyBytes }));

  app.get('/healthz', async (_req, res) => {
    try {
      await store.ping();
      res.setHeader('Cache-Control', 'no-store');
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable' });
    }
  });

  app.get('/', (_req, res) => res.redirect(302, config.demo ? '/demo' : '/console/'));
  if (config.demo) {
    app.get('/demo', (_req, res) => {
      // The demo plays a customer's own web page: it sets its own policy, not the console's.
      const nonce = randomBytes(16).toString('base64');
      res.removeHeader('Content-Security-Policy');
      res.type('html').send(renderDemoPage({ siteId: 'demo', publicUrl: config.publicUrl, nonce }));
    });
  }
  app.use(assetRoutes(parts.distDir ?? DEFAULT_DIST));
  app.use(sessionRoutes(store, sessions));
  app.use(
    siteRoutes(
      store,
      scoreboards,
      clock,
      config.publicUrl,
      config.adminToken && sha256(config.adminToken),
    ),
  );
  app.use(eventRoutes(store, pipeline));
  app.use(scoreRoutes(store, scoreboards, sessions, clock));
  app.use(notFound);
  app.use(errorHandler(log));

  const httpServer = createServer(app);
  const io = new Server(httpServer, {
    // Websocket only: no long-polling, so nodes behind a load balancer need no sticky sessions.
    transports: ['websocket'],
    maxHttpBufferSize: LIMITS.socketPayloadBytes,
    serveClient: false,
  });
  const visitors = io.of(VISITOR_NAMESPACE) as unknown as VisitorNamespace;
  const agents = io.of(AGENT_NAMESPACE) as unknown as AgentNamespace;

  const views = new LiveViews(store, clock, scoreboards, visitors, agents, log);
  views.attach(pipeline);
  serveVisitors({ store, chat, views, visitors, agents, log });
  serveAgents({ store, scoreboards, sessions, chat, views, visitors, agents, log });

  return {
    app,
    httpServer,
    io,
    store,
    pipeline,
    chat,
    ready: () => scoreboards.warm(),
    async close() {
      scoreboards.close();
      // io.close() also closes the HTTP server it is attached to.
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await store.close();
    },
  };
}
