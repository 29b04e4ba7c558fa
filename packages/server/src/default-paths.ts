import { fileURLToPath } from 'node:url';

// Both resolve from src/ and from dist/, which sit at the same depth in the package.
/** The repository's fixture estate, served when no `--estate` is given. */
export const DEFAULT_ESTATE = fileURLToPath(new URL('../../../fixtures/estate', import.meta.url));
/** The built dashboard (`pnpm --filter @impact/web build`). */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));
