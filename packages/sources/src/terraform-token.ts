import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The environment variable Terraform reads a host's API token from: `TF_TOKEN_` and the host,
 * its dots as `_` and its dashes as `__` (`app.terraform.io` → `TF_TOKEN_app_terraform_io`). A
 * port, which Terraform's hostnames never carry, is written as `_<port>` here.
 */
export function tokenVariable(host: string): string {
  return `TF_TOKEN_${host.toLowerCase().replaceAll('-', '__').replaceAll('.', '_').replaceAll(':', '_')}`;
}

/**
 * A host's token as Terraform reads it: `TF_TOKEN_<host>`, else the CLI credentials file
 * (`~/.terraform.d/credentials.tfrc.json`, written by `terraform login`). Null when neither has one.
 */
export function terraformToken(host: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnv = env[tokenVariable(host)];
  if (fromEnv) return fromEnv;
  const home = env.HOME ?? homedir();
  try {
    const file = JSON.parse(readFileSync(join(home, '.terraform.d', 'credentials.tfrc.json'), 'utf8')) as {
      credentials?: Record<string, { token?: unknown }>;
    };
    const token = file.credentials?.[host]?.token;
    return typeof token === 'string' && token !== '' ? token : null;
  } catch {
    return null;
  }
}
