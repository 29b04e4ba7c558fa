#!/usr/bin/env -S node --max-semi-space-size=64
// One process, whatever the command: the server's V8 flag (see @impact/server's node-flags) is set
// where node starts — this line, or the `pnpm start` / `pnpm impact` scripts — so nothing is
// started again, and a supervisor's SIGTERM reaches the process that serves.
const argv = process.argv.slice(2);
const [first] = argv;

// Help and the version answer without loading the engine.
if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
  const { HELP } = await import('./help.js');
  process.stdout.write(HELP);
  // Bare `impact` analysed nothing: it says how to use it, and does not pass for a success.
  process.exitCode = first === undefined ? 2 : 0;
} else if (first === '-v' || first === '--version') {
  const { VERSION } = await import('@impact/core/version');
  process.stdout.write(`impact ${VERSION}\n`);
} else {
  const { main } = await import('./main.js');
  process.exitCode = await main(argv, {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    stdoutIsTty: process.stdout.isTTY === true,
    stderrIsTty: process.stderr.isTTY === true,
  });
}
