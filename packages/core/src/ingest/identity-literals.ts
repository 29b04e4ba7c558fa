import { isObject, type Json } from './raw-types.js';
import { isSecretAttributeName } from './secret-attributes.js';

/** Names of inputs and locals that hold an identity (an ARN, a name, an id), not a value. */
const IDENTITY_NAME = /(^|_)(arns?|names?|ids?|keys?_id|secret_id|parameter)$/;

/**
 * The literal identities an argument holds, by path: every ARN, and any string of an argument
 * named like an identity (`db_secret_arn`, `secret_name`, `kms_key_id`). A module input or a
 * local may hold a secret value (`db_password = "…"`): only these are kept, never the others.
 */
export function identityLiterals(
  name: string,
  value: Json,
  out: Record<string, string> = {},
): Record<string, string> {
  const named = IDENTITY_NAME.test(name) && !isSecretAttributeName(name);
  const walk = (v: Json, path: string): void => {
    if (typeof v === 'string') {
      if (v.includes('${') || v === '') return;
      if (v.startsWith('arn:') || named) out[path] = v;
    } else if (Array.isArray(v))
      v.forEach((item, i) => {
        walk(item, `${path}[${i}]`);
      });
    else if (isObject(v)) for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  walk(value, name);
  return out;
}
