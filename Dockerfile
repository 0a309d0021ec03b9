# The image `chaos deploy` runs (default ghcr.io/materi/chaos:<version>): the npm tarball on Node 20, as
# a non-root user. Build from a checkout:
#   npm ci && npm run build && npm pack
#   docker build --build-arg VERSION=0.1.0 -t ghcr.io/materi/chaos:0.1.0 .
FROM node:20-slim
ARG VERSION
COPY chaos-${VERSION}.tgz /tmp/chaos.tgz
# The package bundles its dependencies: installing it fetches nothing.
RUN npm install --global --omit=dev --no-audit --no-fund /tmp/chaos.tgz \
 && rm /tmp/chaos.tgz \
 && npm cache clean --force
ENV NO_COLOR=1
# uid 1000 (the image's `node` user): the runAsUser `chaos deploy` writes.
USER node
WORKDIR /home/node
ENTRYPOINT ["chaos"]
CMD ["--help"]
