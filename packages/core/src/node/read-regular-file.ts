import { constants, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';

export type RegularFileRead =
  | { ok: true; bytes: Buffer }
  | { ok: false; code: 'file.unreadable' | 'file.not-regular' | 'file.too-large'; reason: string };

/** Opening never waits for a FIFO's writer (POSIX open(2), O_NONBLOCK); a no-op on regular files. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
const CHUNK = 1024 * 1024;

/**
 * Reads a file only if it is a regular file of at most `maxBytes`, never rejecting. The type and
 * size are checked on the opened descriptor (no window between a check and the read), so a FIFO
 * posing as a state cannot hang the read and a link to `/dev/zero` cannot fill memory; the read
 * itself stops past `maxBytes`, so a file that grows while it is read is bounded too.
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<RegularFileRead> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (error) {
    return { ok: false, code: 'file.unreadable', reason: errorCode(error) };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile())
      return { ok: false, code: 'file.not-regular', reason: `not a regular file but ${kindOf(info)}` };
    if (info.size > maxBytes) return tooLarge(maxBytes);
    const chunks: Buffer[] = [];
    let total = 0;
    // One read for a file that does not change meanwhile: its size, plus one byte to see the end.
    let want = info.size + 1;
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.min(want, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return tooLarge(maxBytes);
      want = CHUNK;
    }
    return { ok: true, bytes: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total) };
  } catch (error) {
    return { ok: false, code: 'file.unreadable', reason: errorCode(error) };
  } finally {
    await handle.close().catch(() => {});
  }
}

function tooLarge(maxBytes: number): RegularFileRead {
  return { ok: false, code: 'file.too-large', reason: `the file is larger than ${maxBytes} bytes` };
}

/** The errno code (`ENOENT`, `EACCES`): the message would repeat the absolute path. */
function errorCode(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ?? (e instanceof Error ? e.message : String(error));
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'not a file';
}
