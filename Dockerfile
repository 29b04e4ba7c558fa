# syntax=docker/dockerfile:1
# impact in a container: the packed CLI package on Node 20 slim, run as a non-root user.
#   pnpm pack:cli && docker build -t impact .       (the build reads dist/impact-cli-<version>.tgz only)
#   docker run --rm -v "$PWD:/work" impact plan.json --estate estate/ --format markdown=impact.md
#   docker run -d -p 7300:7300 -e IMPACT_TOKEN -v /srv/estate:/estate:ro impact serve --estate /estate --host 0.0.0.0
# NODE_IMAGE may name another Node 20 base (a mirror, or a pinned digest).
ARG NODE_IMAGE=node:20-slim
FROM ${NODE_IMAGE}

LABEL org.opencontainers.image.title="impact" \
      org.opencontainers.image.description="What breaks, where and when, if this Terraform change lands" \
      org.opencontainers.image.source="https://github.com/impact/impact" \
      org.opencontainers.image.licenses="Apache-2.0"

# The package holds everything it runs: npm installs it with nothing to fetch.
COPY dist/impact-cli-*.tgz /tmp/impact/
RUN set -eu; \
    set -- /tmp/impact/impact-cli-*.tgz; \
    if [ "$#" -ne 1 ]; then echo "dist/ holds $# impact-cli tarballs: keep the one to install" >&2; exit 1; fi; \
    npm install -g --offline --no-audit --no-fund --loglevel error "$1"; \
    rm -rf /tmp/impact /root/.npm; \
    impact --version

# The official image's unprivileged user (uid 1000); /work is where a pipeline mounts its files.
USER node
WORKDIR /work
ENV NODE_ENV=production

# `impact serve` listens on 7300 (bind 0.0.0.0 inside the container: that needs IMPACT_TOKEN).
# /api/health needs no token and answers whatever the Host check allows on loopback.
EXPOSE 7300
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:7300/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

ENTRYPOINT ["impact"]
CMD ["--help"]
