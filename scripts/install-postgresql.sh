#!/usr/bin/env bash
# The store's tests start a private PostgreSQL cluster from Debian's postgresql package (server binaries
# under /usr/lib/postgresql/<major>/bin); no cluster is created or started here.
set -euo pipefail
if compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "install-postgresql: run as root, or install Debian's postgresql package yourself (apt-get install postgresql)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq postgresql >/dev/null
ls -d /usr/lib/postgresql/*/bin/initdb
