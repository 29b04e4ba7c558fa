import { DEFAULT_ESTATE, hasServerFlags, SERVER_NODE_FLAGS, startServer } from '@impact/server';
import type { CliArgs } from '../args.js';
import { InputError } from '../exit-codes.js';
import type { Io } from '../io.js';

/**
 * `impact serve`: the REST API and the dashboard. Without --estate it serves the fixture
 * estate, so a fresh clone shows a working dashboard at once; the installed package has none
 * and asks for one. Runs until SIGINT/SIGTERM.
 */
/** Where `impact serve` keeps history unless told otherwise: `.impact/` in the working directory. */
export const DEFAULT_STORE = '.impact';

export async function serveCommand(args: CliArgs, io: Io): Promise<number> {
  const estate = args.estate ?? DEFAULT_ESTATE;
  if (estate === undefined)
    throw new InputError('no estate: pass --estate <dir|snapshot> or set IMPACT_ESTATE');
  const token = io.env.IMPACT_TOKEN;
  const limit = io.env.IMPACT_RATE_LIMIT;
  const max = limit === undefined ? undefined : Number(limit);
  if (max !== undefined && (!Number.isInteger(max) || max < 1)) {
    throw new InputError(`IMPACT_RATE_LIMIT=${limit} is not a whole number of requests per minute`);
  }
  // History is kept by default, in .impact/ where impact runs (--no-store for none).
  const store = args.noStore ? undefined : (args.store ?? DEFAULT_STORE);
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      estate,
      host: args.host,
      port: args.port,
      workers: args.workers,
      allowedHosts: args.allowedHosts,
      ...(args.bucket !== undefined ? { bucket: args.bucket } : {}),
      ...(args.watchMs !== undefined ? { watchMs: args.watchMs } : {}),
      ...(store !== undefined
        ? { store, alertWebhooks: args.alertWebhooks, storeOptional: args.store === undefined }
        : {}),
      log: (line: string) => io.stderr(`impact: ${line}\n`),
      ...(token ? { token } : {}),
      ...(max !== undefined ? { rateLimit: { max, timeWindow: '1 minute' } } : {}),
    });
  } catch (error) {
    throw new InputError((error as Error).message);
  }
  // Listening for the signals before the URL is announced: whoever reads it may stop us at once.
  const stopped = new Promise<void>((resolve) => {
    // Kept, not once: a second signal while closing must not kill the process mid-close.
    const stop = () => resolve();
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    // A launcher killed without passing the signal on (a shell, a package manager's script
    // runner) leaves this process to init: a server nobody can stop must not keep the port.
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) stop();
    }, 1000).unref();
  });
  io.stderr(
    `impact: serving ${args.estate ?? 'the fixture estate'} — dashboard and API at ${server.url}/ (docs at ${server.url}/docs)\n`,
  );
  if (server.history)
    io.stderr(
      `impact: history kept in ${server.history.location}${args.alertWebhooks.length > 0 ? `; deletion alerts go to ${args.alertWebhooks.length} webhook(s)` : ''} (changes at ${server.url}/changes)\n`,
    );
  else if (store === undefined) io.stderr('impact: no history kept (--no-store)\n');
  if (args.watchMs !== undefined)
    io.stderr(
      `impact: watching: every ${args.watchMs / 1000} s each source is polled; new graphs are announced at /api/events\n`,
    );
  if (!hasServerFlags(process.execArgv, io.env.NODE_OPTIONS))
    io.stderr(
      `impact: note: node runs without ${SERVER_NODE_FLAGS.join(' ')} (the \`impact\` binary and \`pnpm start\` set it): answers on a large estate are slower\n`,
    );
  await stopped;
  await server.close();
  // Stopped means stopped: work still in flight (a re-ingest waiting on a stalled disk or network
  // file system) must not keep the process alive once the server is closed.
  setTimeout(() => process.exit(0), 2000).unref();
  return 0;
}
