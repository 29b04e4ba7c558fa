import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRegularFile } from './read-regular-file.js';

const dir = mkdtempSync(join(tmpdir(), 'impact-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readRegularFile', () => {
  it('reads a regular file, and one through a symbolic link', async () => {
    writeFileSync(join(dir, 'state.json'), '{"version":4}');
    symlinkSync(join(dir, 'state.json'), join(dir, 'link.json'));
    for (const name of ['state.json', 'link.json']) {
      const read = await readRegularFile(join(dir, name), 100);
      expect(read.ok && read.bytes.toString()).toBe('{"version":4}');
    }
    writeFileSync(join(dir, 'empty.json'), '');
    expect(await readRegularFile(join(dir, 'empty.json'), 100)).toMatchObject({
      ok: true,
      bytes: Buffer.alloc(0),
    });
  });

  it('refuses a FIFO at once, though no one ever writes to it', async () => {
    const fifo = join(dir, 'fifo.tfstate');
    execFileSync('mkfifo', [fifo]);
    expect(await readRegularFile(fifo, 100)).toEqual({
      ok: false,
      code: 'file.not-regular',
      reason: 'not a regular file but a FIFO',
    });
  });

  it('refuses a link to /dev/zero without reading it, and a directory', async () => {
    symlinkSync('/dev/zero', join(dir, 'zero.tfstate'));
    expect(await readRegularFile(join(dir, 'zero.tfstate'), 100)).toMatchObject({
      ok: false,
      code: 'file.not-regular',
      reason: 'not a regular file but a character device',
    });
    mkdirSync(join(dir, 'dir.tfstate'));
    expect(await readRegularFile(join(dir, 'dir.tfstate'), 100)).toMatchObject({
      code: 'file.not-regular',
      reason: 'not a regular file but a directory',
    });
  });

  it('refuses a file over the limit before reading it, and names a missing one by its code only', async () => {
    writeFileSync(join(dir, 'big.json'), 'x'.repeat(101));
    expect(await readRegularFile(join(dir, 'big.json'), 100)).toEqual({
      ok: false,
      code: 'file.too-large',
      reason: 'the file is larger than 100 bytes',
    });
    expect(await readRegularFile(join(dir, 'exactly.json'), 100)).toEqual({
      ok: false,
      code: 'file.unreadable',
      reason: 'ENOENT',
    });
    writeFileSync(join(dir, 'exactly.json'), 'x'.repeat(100));
    expect((await readRegularFile(join(dir, 'exactly.json'), 100)).ok).toBe(true);
  });
});
