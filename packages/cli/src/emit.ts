import type { Io } from './io.js';
import { writeFile } from './write-file.js';

/** Text to a file when one is named, else to stdout. */
export async function emit(io: Io, file: string | undefined, text: string): Promise<void> {
  if (file) await writeFile(file, text);
  else io.stdout(text);
}
