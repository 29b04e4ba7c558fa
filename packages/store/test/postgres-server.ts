import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Set to 1 to skip the PostgreSQL tests (with a printed reason) where no server can be had. */
export const SKIP_POSTGRES_ENV = 'IMPACT_SKIP_POSTGRES';

export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:<port>/impact` (trust authentication: any password is accepted). */
  url: string;
  port: number;
  /** Creates another (empty) database and gives its URL. */
  database(name: string): Promise<string>;
  stop(): Promise<void>;
}

const PG_ROOT = '/usr/lib/postgresql';

/**
 * A private PostgreSQL cluster from Debian's `postgresql` package, for the store's tests: installed
 * when missing (as root, with apt), initialised in a temp dir owned by the `postgres` OS user
 * (PostgreSQL refuses to run as root), listening on a free port of 127.0.0.1 only, with one
 * database. Throws with the reason when it cannot: the tests then fail rather than pass silently.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = findBin() ?? installPostgres();
  const asRoot = process.getuid?.() === 0;
  const base = mkdtempSync(join(asRoot ? '/tmp' : tmpdir(), 'impact-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(base, uid, gid);
  }
  // As root, every PostgreSQL binary runs as the postgres user.
  const run = (tool: string, args: string[]) => {
    const [command, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]]
      : [join(bin, tool), args];
    const result = spawnSync(command, argv, { encoding: 'utf8', cwd: base, timeout: 60_000 });
    if (result.status !== 0) {
      const log = existsSync(join(base, 'server.log')) ? readFileSync(join(base, 'server.log'), 'utf8') : '';
      throw new Error(
        `postgres test server: ${tool} failed (${result.error?.message ?? `exit ${result.status}`}): ${result.stderr}${log}`,
      );
    }
  };
  const data = join(base, 'data');
  const stopNow = () => {
    spawnSync(asRoot ? 'runuser' : join(bin, 'pg_ctl'), [
      ...(asRoot ? ['-u', 'postgres', '--', join(bin, 'pg_ctl')] : []),
      'stop',
      '-D',
      data,
      '-m',
      'immediate',
    ]);
    rmSync(base, { recursive: true, force: true });
  };
  try {
    run('initdb', ['-D', data, '--auth=trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    const settings = `-c listen_addresses=127.0.0.1 -p ${port} -k ${base} -c fsync=off -c full_page_writes=off`;
    run('pg_ctl', ['start', '-w', '-t', '60', '-D', data, '-l', join(base, 'server.log'), '-o', settings]);
    const database = async (name: string) => {
      const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      } finally {
        await admin.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    };
    const url = await database('impact');
    // A test run that dies must not leave a server running.
    process.once('exit', stopNow);
    return {
      url,
      port,
      database,
      async stop() {
        process.removeListener('exit', stopNow);
        run('pg_ctl', ['stop', '-w', '-D', data, '-m', 'fast']);
        rmSync(base, { recursive: true, force: true });
      },
    };
  } catch (error) {
    stopNow();
    throw error;
  }
}

function findBin(): string | undefined {
  if (!existsSync(PG_ROOT)) return undefined;
  const versions = readdirSync(PG_ROOT)
    .filter((v) => existsSync(join(PG_ROOT, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(PG_ROOT, versions[0], 'bin');
}

function installPostgres(): string {
  const reason = 'no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb)';
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    throw new Error(
      `postgres test server: ${reason}, and this is not root with apt-get: run bash scripts/install-postgresql.sh as root, or set ${SKIP_POSTGRES_ENV}=1`,
    );
  }
  console.log("postgres test server: installing Debian's postgresql package (apt-get, about 11 s)");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', 'postgresql'],
  ]) {
    const result = spawnSync('apt-get', args, { encoding: 'utf8', env, timeout: 300_000 });
    if (result.status !== 0) {
      throw new Error(`postgres test server: ${reason}, and apt-get ${args[0]} failed: ${result.stderr}`);
    }
  }
  const bin = findBin();
  if (!bin) throw new Error(`postgres test server: apt-get installed postgresql, yet ${reason}`);
  return bin;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
