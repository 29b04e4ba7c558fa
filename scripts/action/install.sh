#!/usr/bin/env bash
# The GitHub Action's install step (action.yml): installs the impact CLI package into a prefix of its
# own and prints bin=<the impact binary> as a step output.
#   INPUT_VERSION  '' (the version of this action), a version or dist-tag (0.2.0, v0.2.0, latest),
#                  or a package tarball (a path or an https:// URL to impact-cli-<version>.tgz)
#   IMPACT_PREFIX  where to install (default $RUNNER_TEMP/impact-cli)
# npm's own settings (registry, cache, offline, …) come from the environment as usual.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
want=${INPUT_VERSION:-}
if [ -z "$want" ]; then
  want=$(node -p 'require(process.argv[1]).version' "$here/../../packages/cli/package.json")
fi
case $want in
  *.tgz | http://* | https://* | file:*) spec=$want ;;
  *) spec="@impact/cli@${want#v}" ;;
esac
prefix=${IMPACT_PREFIX:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/impact-cli}

echo "impact: npm install -g --prefix $prefix $spec"
npm install -g --prefix "$prefix" --no-audit --no-fund --loglevel error "$spec" >&2
bin=$prefix/bin/impact
"$bin" --version
echo "bin=$bin" >> "${GITHUB_OUTPUT:-/dev/null}"
if [ -n "${GITHUB_PATH:-}" ]; then echo "$prefix/bin" >> "$GITHUB_PATH"; fi
