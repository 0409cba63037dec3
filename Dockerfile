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
USER node
ENTRYPOINT ["node", "bin/ita-ingest.mjs"]
CMD ["help"]
