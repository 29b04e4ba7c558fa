import { statSync } from 'node:fs';
import { mkdir, writeFile as write } from 'node:fs/promises';
import { dirname } from 'node:path';
import { InputError } from './exit-codes.js';
import { fsError } from './fs-error.js';

/** Writes a report or snapshot, making its directory; a path that cannot be written is exit 2 with the reason. */
export async function writeFile(file: string, text: string): Promise<void> {
  try {
    await mkdir(dirname(file), { recursive: true });
    await write(file, text);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const blocker = e.code === 'ENOTDIR' || e.code === 'EEXIST' ? fileInTheWay(file) : undefined;
    throw new InputError(
      `cannot write ${file}: ${blocker ? `${blocker} is a file, not a directory` : fsError(e, file)}`,
    );
  }
}

/** The nearest parent of `file` that exists, when it is a file (where a directory was needed). */
function fileInTheWay(file: string): string | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const info = statSync(dir, { throwIfNoEntry: false });
    if (info) return info.isFile() ? dir : undefined;
    if (dirname(dir) === dir) return undefined;
  }
}
