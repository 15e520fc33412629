# syntax=docker/dockerfile:1
# Switchboard's image: built here (generated Prisma client, compiled JavaScript), run as plain
# `node` as PID 1, so `docker stop` (SIGTERM) drains it. Both stages use the same Node LTS.

FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: dependencies need none (Prisma runs without its native engines), and this
# package's own `prepare` (the build) needs the sources, copied next.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json prisma.config.ts codegen.ts schema.graphql ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY src ./src
COPY console ./console
RUN npm run build && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:24-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Migrations apply at every start, read from here.
COPY --from=build /app/prisma ./prisma
# The only folder the server writes: the embedded database and admin key when DATABASE_URL is unset.
RUN mkdir .switchboard && chown node:node .switchboard
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/readyz').then((response) => process.exit(response.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
