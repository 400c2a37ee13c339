# Peakend as a container image: `docker build -t peakend .` (see docs/deploying.md).
#
# The build stage installs every dependency, compiles better-sqlite3 for this image and builds
# the browser bundles and the server into dist/. The runtime stage gets dist/ and production
# dependencies only, and runs the compiled server as an unprivileged user.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
# A compiler for better-sqlite3's native module, built from source for this image.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm_config_build_from_source=true npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PEAKEND_DEMO=false \
    PORT=3000 \
    DATABASE_URL=sqlite:/data/peakend.db
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# `npm start` and `npm run backup` work in the container too (they find nothing to rebuild).
COPY --from=build /app/server/build.mjs /app/server/start.mjs ./server/
# The SQLite store (DATABASE_URL=sqlite:…), owned by the user the server runs as.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM drains running socket events, then exits (up to 20 s: give `docker stop -t 30`).
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "dist/server/index.js"]
