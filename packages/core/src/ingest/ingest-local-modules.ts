import { normalisePath } from '../model/backend.js';
import { type Diagnostic, diagnostic } from '../model/diagnostic.js';
import type { ConfigModel } from '../model/workspace.js';
import { ingestHclFiles, type SourceFile } from './ingest-hcl.js';

/** The `.tf` files of a directory relative to the estate, or null when it cannot be read (reported by the reader). */
export type ReadConfigDir = (dir: string) => Promise<SourceFile[] | null>;

/** Modules nested deeper than this are not read: real configurations nest two or three. */
const MAX_DEPTH = 16;

/**
 * Reads the local modules a configuration calls (`source = "./modules/app"`), and theirs, into
 * `config.modules`, so that an input passed to a module links to the resources inside that use
 * it. Terraform takes a source that starts with `./` or `../` as a local path; any other (the
 * registry, git, a bucket) is not on disk and is named in a diagnostic: its call stays the
 * consumer of what it is passed.
 */
export async function ingestLocalModules(
  config: ConfigModel,
  read: ReadConfigDir,
  diagnostics: Diagnostic[],
  depth = 0,
): Promise<void> {
  for (const block of config.blocks) {
    if (block.kind !== 'module' || block.source === undefined) continue;
    const where = { file: block.file };
    if (!/^\.\.?\//.test(block.source)) {
      diagnostics.push(
        diagnostic(
          'info',
          'config.module-not-on-disk',
          `${block.address}'s source ${block.source} is not on disk: what it is passed links the module call, not the resources inside`,
          where,
        ),
      );
      continue;
    }
    const dir = normalisePath(`${config.dir}/${block.source}`);
    if (dir === '..' || dir.startsWith('../')) {
      diagnostics.push(
        diagnostic(
          'warning',
          'config.module-outside',
          `${block.address}'s source ${block.source} is outside the estate directory: not read`,
          where,
        ),
      );
      continue;
    }
    if (depth >= MAX_DEPTH) {
      diagnostics.push(
        diagnostic(
          'warning',
          'config.module-too-deep',
          `${block.address} is nested deeper than ${MAX_DEPTH} modules: not read`,
          where,
        ),
      );
      continue;
    }
    const files = await read(dir);
    if (files === null) continue;
    if (files.length === 0) {
      diagnostics.push(
        diagnostic(
          'warning',
          'config.module-missing',
          `${block.address}'s source ${block.source} holds no .tf files`,
          where,
        ),
      );
      continue;
    }
    const module = await ingestHclFiles(dir, files, diagnostics);
    await ingestLocalModules(module, read, diagnostics, depth + 1);
    config.modules = { ...config.modules, [block.name]: module };
  }
}
