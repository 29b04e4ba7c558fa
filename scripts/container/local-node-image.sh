#!/usr/bin/env bash
# A local stand-in for node:20-slim, for building and testing the Dockerfile on a machine that cannot
# reach Docker Hub but can reach a Debian mirror: Debian bookworm (debootstrap, minbase), this
# machine's Node 20 and npm in /usr/local, and a user "node" (uid 1000), as the official image has.
# Not for production images. Needs root and debootstrap.
#   scripts/container/local-node-image.sh [engine] [tag]    (default: podman localhost/impact-node:20-slim)
# then: IMPACT_TEST_NODE_IMAGE=localhost/impact-node:20-slim pnpm test
set -euo pipefail

engine=${1:-podman}
tag=${2:-localhost/impact-node:20-slim}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
node_bin=$(command -v node)
case $("$node_bin" --version) in v20.*) ;; *) echo "node is not Node 20: $("$node_bin" --version)" >&2; exit 1 ;; esac
npm_dir=$(cd "$(dirname "$(readlink -f "$(command -v npm)")")/.." && pwd)

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
debootstrap --variant=minbase bookworm "$root" "$mirror" >&2
install -D -m 0755 "$node_bin" "$root/usr/local/bin/node"
mkdir -p "$root/usr/local/lib/node_modules"
cp -a "$npm_dir" "$root/usr/local/lib/node_modules/npm"
ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
chroot "$root" groupadd --gid 1000 node
chroot "$root" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin
tar -C "$root" -c . | "$engine" import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["node"]' - "$tag"
