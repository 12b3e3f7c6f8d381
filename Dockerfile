# One image for the whole fleet: the command picks the process.
#   gateway            node dist/gateway/src/main.js            (the default)
#   <service>          node dist/apps/<service>/src/main.js
#   migrations only    node dist/apps/<service>/src/main.js migrate
# where <service> is tenant-management, member-data, pass-generation or notification.
# The current Node LTS (package.json `engines` lists every supported line).
ARG NODE_IMAGE=node:24-bookworm-slim

# ---- deps: every dependency, dev included (the build needs @swc/core) ----
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
# swagger-ui-dist pulls in @scarf/scarf, whose install script phones home.
ENV SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# ---- build: SWC compiles apps, libs and gateway into dist/ with the @wp/* aliases rewritten ----
FROM deps AS build
COPY tsconfig.base.json tsconfig.json ./
COPY tools ./tools
COPY libs ./libs
COPY apps ./apps
COPY gateway ./gateway
RUN npm run build \
 && test -f dist/gateway/src/main.js \
 && for service in tenant-management member-data pass-generation notification; do \
      test -f "dist/apps/$service/src/main.js" || { echo "missing dist/apps/$service/src/main.js" >&2; exit 1; }; \
    done

# ---- runtime: production dependencies and dist/ only ----
FROM ${NODE_IMAGE} AS runtime
# tini as PID 1 forwards SIGTERM to node (which drains and closes on it) and reaps zombies.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# OPS_HOST 0.0.0.0 so that probes from outside the container reach the private ops port.
ENV NODE_ENV=production \
    SCARF_ANALYTICS=false \
    OPS_HOST=0.0.0.0 \
    OPS_PORT=9100
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force
# Owned by root: the runtime user can read the code but not change it. The processes
# write nothing to disk in production (MASTER_KEY comes from the environment).
COPY --from=build /app/dist ./dist
# The node image's unprivileged user (uid 1000; Kubernetes pins the uid for runAsNonRoot).
USER node
EXPOSE 3000 9100
# Probes the private ops port: /health is 503 when Postgres or Redis is down.
# The slim image has no curl, so node's own fetch does the request.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.OPS_PORT || 9100) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/gateway/src/main.js"]
