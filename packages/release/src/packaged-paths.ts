import { fileURLToPath } from 'node:url';

// Bundled in place of @impact/server's default-paths.ts (see bundle-cli.ts). It lands in a chunk
// in the package's dist/, beside which the package keeps the dashboard (web/).

/** No default estate: the package holds no demo data, so `impact serve` asks for `--estate`. */
export const DEFAULT_ESTATE: string | undefined = undefined;
/** The dashboard shipped in the package. */
export const DEFAULT_WEB_ROOT: string = fileURLToPath(new URL('../web', import.meta.url));
