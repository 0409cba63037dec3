# ita-ingest: one image, several roles (serve, worker, batch, extract).
FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# `npm install` rather than `npm ci`: see .ci/run (optional platform packages of @napi-rs/canvas).
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force
COPY bin ./bin
COPY src ./src
COPY reference ./reference
COPY contract ./contract
# The embedded mode writes its database under ITA_DATA_DIR: a folder the non-root user owns (a volume mounted there
# keeps it). The code itself stays root-owned and read-only to that user.
ENV ITA_DATA_DIR=/data
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
ENTRYPOINT ["node", "bin/ita-ingest.mjs"]
CMD ["help"]
