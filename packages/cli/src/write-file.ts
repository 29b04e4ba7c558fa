import { mkdir, writeFile as write } from 'node:fs/promises';
import { dirname } from 'node:path';

export async function writeFile(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await write(file, text);
}
