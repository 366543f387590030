# syntax=docker/dockerfile:1
# Trade Brief: compiled JavaScript, production dependencies only, a non-root user, the store in a volume.
# scripts/container-smoke.sh performs these same steps without Docker; the tests run it. Keep them in step.

# --- build: install everything, compile, then drop the dev dependencies ---
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY commands ./commands
# The build answers one `brief` from the seed to make the one-shot CLI's code cache (dist/cli-bundle.cjs.cache).
COPY data/seed.json data/sources.json ./data/
RUN npm run build && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

# --- runtime ---
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    DB_FILE=/data/trade-brief.db.json \
    SEED_FILE=/app/data/seed.json \
    SOURCES_FILE=/app/data/sources.json \
    WEB_PORT=8080 \
    WEB_HOST=0.0.0.0 \
    LOG_FORMAT=json
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY data/seed.json data/sources.json ./data/
# The PostgreSQL store's schema migrations (plain SQL, run at start-up when DATABASE_URL is set).
COPY migrations ./migrations
# The one font charts are drawn with (found from dist/src/charts/ by walking up to assets/fonts/).
COPY assets/fonts ./assets/fonts
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.WEB_PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node, not npm: SIGTERM reaches the bot, which drains the scheduler and closes the store.
CMD ["node", "dist/src/main.js"]
