# The reference server as a container: `docker compose up` (compose.yaml) runs it with Postgres.
# Build stage: the whole workspace, built; then scripts/deploy-server.sh writes the server with its
# production dependencies only into /app. The runtime stage gets /app alone and runs as `node`.
FROM node:24-slim AS build
# better-sqlite3 compiles from source when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
RUN npm install -g pnpm@12.21.0
WORKDIR /src
COPY . .
RUN pnpm install --frozen-lockfile && pnpm build && scripts/deploy-server.sh /app

FROM node:24-slim
ENV NODE_ENV=production \
    CANCELFLOW_HOST=0.0.0.0 \
    CANCELFLOW_PORT=8787 \
    CANCELFLOW_DB=/data/cancelflow.sqlite \
    CANCELFLOW_SITES=/config/sites.json
COPY --from=build --chown=root:root /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 8787
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8787/v1/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "/app/bin/cancelflow.js", "serve"]
