import { fileURLToPath } from 'node:url';

// Both resolve from src/ and from dist/, which sit at the same depth in the package. The
// packaged CLI (packages/release) bundles its own packaged-paths.ts in place of this file.
/** The repository's fixture estate, served when no `--estate` is given; undefined where there is none. */
export const DEFAULT_ESTATE: string | undefined = fileURLToPath(
  new URL('../../../fixtures/estate', import.meta.url),
);
/** The built dashboard (`pnpm --filter @impact/web build`). */
export const DEFAULT_WEB_ROOT: string = fileURLToPath(new URL('../../web/dist', import.meta.url));
