import type { PackageInfo } from './package-info.js';

/** THIRD-PARTY-NOTICES.md: every package the CLI package carries, with its licence text. */
export function thirdPartyNotices(bundled: readonly PackageInfo[], vendored: readonly PackageInfo[]): string {
  const section = (title: string, note: string, packages: readonly PackageInfo[]) => [
    `## ${title}`,
    '',
    note,
    '',
    ...[...packages]
      .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version))
      .flatMap((p) => [
        `### ${p.name}@${p.version} (${p.license})`,
        '',
        p.licenseText === ''
          ? '(no licence file in the package; see its package.json)'
          : fence(p.licenseText),
        '',
      ]),
  ];
  return [
    '# Third-party notices',
    '',
    'The impact CLI package carries the following open-source packages.',
    '',
    ...section('Bundled into dist/', 'Compiled into the files of `dist/` by esbuild.', bundled),
    ...section('Shipped in node_modules/', 'Installed as published, from the package itself.', vendored),
  ].join('\n');
}

function fence(text: string): string {
  const ticks = '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return `${ticks}text\n${text}\n${ticks}`;
}
