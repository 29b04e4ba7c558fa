// `pnpm pack:cli`: writes dist/impact-cli-<version>.tgz, the CLI as one self-contained npm package.
// `node packages/release/dist/pack.js --out <dir>` writes it elsewhere.
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { packCli } from './pack-cli.js';
import { repoPath } from './repo-path.js';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const packed = await packCli(resolve(values.out ?? repoPath('dist')));
const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
process.stdout.write(
  `${relative(process.cwd(), packed.file)}: ${mb(packed.size)} packed, ${mb(packed.unpackedSize)} unpacked, ${packed.entryCount} files\n`,
);
