/**
 * Where an estate's states live, as `--estate`, `IMPACT_ESTATE` and `impact.yaml`'s `sources:`
 * name it. `http(s)://` is not here: it names a running impact server.
 */
export type SourceLocation =
  | { kind: 's3'; bucket: string; prefix: string }
  | { kind: 'gcs'; bucket: string; prefix: string }
  | { kind: 'azblob'; account: string; container: string; prefix: string }
  /** HCP Terraform (`tfc://org[/glob]`) or Terraform Enterprise (`tfe://host/org[/glob]`). */
  | { kind: 'tfc'; host: string; organization: string; glob: string; insecure: boolean };

export type ParsedLocation = { ok: true; location: SourceLocation } | { ok: false; reason: string };

const SCHEMES = ['s3://', 'gs://', 'azblob://', 'tfc://', 'tfe://', 'tfe+http://'];
export const TFC_HOST = 'app.terraform.io';

/** Whether `estate` names a bucket or an HCP Terraform organization rather than a path. */
export function isSourceUrl(estate: string): boolean {
  const lower = estate.toLowerCase();
  return SCHEMES.some((s) => lower.startsWith(s)) || /^[a-z][a-z0-9+.-]*:\/\//i.test(estate);
}

/** Reads a source URL; the reason says what is wrong, in the user's words (without repeating the URL). */
export function parseSourceUrl(url: string): ParsedLocation {
  const match = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/i.exec(url.trim());
  if (!match) return fail('not a source URL (s3://, gs://, azblob://, tfc:// or tfe://)');
  const scheme = (match[1] as string).toLowerCase();
  const parts = (match[2] as string).split('/').filter((p) => p !== '');
  const rest = (from: number) => parts.slice(from).join('/');
  switch (scheme) {
    case 's3':
    case 'gs': {
      const bucket = parts[0];
      if (!bucket || !/^[a-z0-9][a-z0-9._-]{1,221}[a-z0-9]$/.test(bucket))
        return fail(`the bucket name is missing or not a valid bucket name`);
      return { ok: true, location: { kind: scheme === 's3' ? 's3' : 'gcs', bucket, prefix: rest(1) } };
    }
    case 'azblob': {
      const [account, container] = parts;
      if (!account || !/^[a-z0-9]{3,24}$/.test(account))
        return fail(`azblob://account/container[/prefix] needs a storage account name`);
      if (!container) return fail(`azblob://account/container[/prefix] needs a container`);
      return { ok: true, location: { kind: 'azblob', account, container, prefix: rest(2) } };
    }
    case 'tfc': {
      const organization = parts[0];
      if (!organization) return fail(`tfc://organization[/workspace-glob] needs an organization`);
      return {
        ok: true,
        location: { kind: 'tfc', host: TFC_HOST, organization, glob: rest(1) || '*', insecure: false },
      };
    }
    case 'tfe':
    case 'tfe+http': {
      const [host, organization] = parts;
      if (!host || !organization)
        return fail(`tfe://host/organization[/workspace-glob] needs a host and an organization`);
      return {
        ok: true,
        location: { kind: 'tfc', host, organization, glob: rest(2) || '*', insecure: scheme === 'tfe+http' },
      };
    }
    default:
      return fail(`unknown scheme ${scheme}:// (s3://, gs://, azblob://, tfc:// or tfe://)`);
  }
}

/** A source's name as it is shown (no credentials ever sit in these URLs). */
export function formatLocation(location: SourceLocation): string {
  const tail = (prefix: string) => (prefix ? `/${prefix}` : '');
  switch (location.kind) {
    case 's3':
      return `s3://${location.bucket}${tail(location.prefix)}`;
    case 'gcs':
      return `gs://${location.bucket}${tail(location.prefix)}`;
    case 'azblob':
      return `azblob://${location.account}/${location.container}${tail(location.prefix)}`;
    case 'tfc': {
      const glob = location.glob === '*' ? '' : `/${location.glob}`;
      if (location.host === TFC_HOST && !location.insecure) return `tfc://${location.organization}${glob}`;
      return `${location.insecure ? 'tfe+http' : 'tfe'}://${location.host}/${location.organization}${glob}`;
    }
  }
}

function fail(reason: string): ParsedLocation {
  return { ok: false, reason };
}
