# syntax=docker/dockerfile:1
# Privilege Guard GitHub App. Build: docker build -t privilege-guard .
# Run:   docker run -p 3000:3000 -e APP_ID=... -e PRIVATE_KEY="$(cat key.pem)" \
#          -e WEBHOOK_SECRET=... privilege-guard

# Node 24 LTS, pinned by version tag and by the digest of its multi-architecture image index, so a
# rebuilt tag never changes the image unseen (.github/dependabot.yml moves the pin). The digest is
# the one Docker Hub served for node:24.21.0-bookworm-slim (then also node:24-bookworm-slim), as
# independently pinned by public projects that verified it against the official image.
ARG NODE_IMAGE=node:24.21.0-bookworm-slim@sha256:2fe369e969550cde8e867afc3fe370b260140cab4a23d467074295b42163d553

# --- build: compile TypeScript to lib/ (dev dependencies only live here) ---
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# `prepare` would run the build before the sources are here: skip scripts, build explicitly.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# --- runtime: production dependencies and the compiled app only ---
FROM ${NODE_IMAGE}
# tini (Debian's package) runs as PID 1: it forwards SIGTERM to Node and reaps children, so
# `docker stop` starts the App's graceful shutdown instead of waiting for the kill.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    LOG_FORMAT=json \
    LOG_LEVEL=info
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/lib ./lib
COPY app.yml ./
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 3000}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node directly under tini (not `npm start`): SIGTERM reaches the App, which drains its jobs
# for up to SHUTDOWN_GRACE_SECONDS (default 25) and exits.
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "lib/app/main.js"]
