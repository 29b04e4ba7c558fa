import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';

const require = createRequire(import.meta.url);

/** Azurite's well-known development account (public, documented): not a secret. */
const ACCOUNT = 'devstoreaccount1';
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/**
 * Azurite's blob service as a child process on a free loopback port, in memory, telemetry off;
 * its connection string, and a client for putting blobs in it.
 */
export async function startAzurite(): Promise<{
  account: string;
  connectionString: string;
  put(container: string, blob: string, body: Buffer | string): Promise<void>;
  remove(container: string, blob: string): Promise<void>;
  createContainer(container: string): Promise<void>;
  close(): Promise<void>;
}> {
  const main = join(dirname(require.resolve('azurite/package.json')), 'dist/src/blob/main.js');
  const location = mkdtempSync(join(tmpdir(), 'impact-azurite-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      main,
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      '0',
      '--inMemoryPersistence',
      '--extentMemoryLimit',
      '64',
      '--disableTelemetry',
      '--skipApiVersionCheck',
      '--loose',
    ],
    // In memory: nothing is written; the working directory is a temporary one all the same.
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: location },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const timer = setTimeout(() => reject(new Error(`azurite did not start: ${out}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`azurite exited (${code}): ${out}`)));
  });
  const connectionString = `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};BlobEndpoint=http://127.0.0.1:${port}/${ACCOUNT};`;
  const service = BlobServiceClient.fromConnectionString(connectionString);
  return {
    account: ACCOUNT,
    connectionString,
    async createContainer(container) {
      await service.getContainerClient(container).createIfNotExists();
    },
    async put(container, blob, body) {
      const data = Buffer.from(body);
      await service.getContainerClient(container).getBlockBlobClient(blob).upload(data, data.length);
    },
    async remove(container, blob) {
      await service.getContainerClient(container).deleteBlob(blob);
    },
    async close() {
      child.kill('SIGTERM');
      await new Promise((resolve) => {
        if (child.exitCode !== null) resolve(null);
        else child.once('exit', resolve);
      });
      rmSync(location, { recursive: true, force: true });
    },
  };
}
