import { parseAllDocuments } from 'yaml';
import type { KubernetesFacts } from '../model/workspace.js';
import { expressionAst, functionCall, loadHcl2json, templateText } from './hcl-expression.js';
import { isObject, type Json, type JsonObject } from './raw-types.js';

/** Resource types whose body declares a Kubernetes object, and the argument that holds it. */
export const KUBERNETES_TYPES: Record<string, string> = {
  kubernetes_manifest: 'manifest',
  kubectl_manifest: 'yaml_body',
  helm_release: 'values',
};

/** The largest YAML text read from a manifest: hand-written objects are far smaller. */
const MAX_YAML = 256 * 1024;

/**
 * What a Kubernetes object declared in Terraform says about the secrets it reads: an External
 * Secrets Operator `ExternalSecret` / `ClusterExternalSecret` and its store, a Secrets Store CSI
 * `SecretProviderClass`, or a Helm release's values and `set` entries that name a secret. The
 * object is an HCL object, a `yamldecode(<<EOT …)` of literal YAML, or a `kubectl_manifest`'s
 * `yaml_body`. Only names and ARNs at the paths that hold them are kept (a `${…}` there is kept as
 * written, for its references); a manifest read from a file or built by a function is not read.
 */
export async function kubernetesFacts(
  file: string,
  type: string,
  body: JsonObject,
): Promise<KubernetesFacts | undefined> {
  if (type === 'helm_release') return helmFacts(body);
  const argument = KUBERNETES_TYPES[type];
  if (argument === undefined) return undefined;
  for (const object of await objectsOf(file, body[argument])) {
    const facts = objectFacts(object);
    if (facts) return withReferences(file, facts);
  }
  return undefined;
}

/** A key written as an expression keeps its references, not its text. */
async function withReferences(file: string, facts: KubernetesFacts): Promise<KubernetesFacts> {
  const { getReferencesInExpression } = await loadHcl2json();
  for (const key of facts.keys) {
    if (key.value === undefined || !key.value.includes('${')) continue;
    try {
      key.refs = (await getReferencesInExpression(file, key.value)).map((r) => r.value);
    } catch {
      key.refs = [];
    }
    delete key.value;
  }
  return facts;
}

/** The Kubernetes objects an argument holds: an HCL object, or YAML text (literal or decoded). */
async function objectsOf(file: string, value: Json | undefined): Promise<JsonObject[]> {
  if (isObject(value)) return [value];
  if (typeof value !== 'string') return [];
  if (!value.startsWith('${')) return yamlObjects(value);
  const ast = await expressionAst(file, value);
  const call = ast ? functionCall(ast) : undefined;
  const arg = call?.args[0];
  if (!call || !arg || (call.name !== 'yamldecode' && call.name !== 'jsondecode')) return [];
  const text = templateText(arg);
  return text === undefined ? [] : yamlObjects(text);
}

function yamlObjects(text: string): JsonObject[] {
  if (text.length > MAX_YAML) return [];
  try {
    return parseAllDocuments(text)
      .flatMap((d) => ('errors' in d && d.errors.length === 0 ? [d.toJSON() as Json] : []))
      .filter(isObject);
  } catch {
    return [];
  }
}

const at = (value: Json | undefined, ...keys: string[]): Json | undefined => {
  let v = value;
  for (const k of keys) v = isObject(v) ? v[k] : undefined;
  return v;
};
const text = (v: Json | undefined): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const list = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);

function objectFacts(object: JsonObject): KubernetesFacts | undefined {
  const kind = text(object.kind);
  const name = text(at(object, 'metadata', 'name'));
  const base = (k: string): KubernetesFacts => ({ kind: k, ...(name ? { name } : {}), keys: [] });
  switch (kind) {
    case 'ExternalSecret':
    case 'ClusterExternalSecret': {
      const root = kind === 'ExternalSecret' ? 'spec' : 'spec.externalSecretSpec';
      const spec = kind === 'ExternalSecret' ? at(object, 'spec') : at(object, 'spec', 'externalSecretSpec');
      const facts = base(kind);
      list(at(spec, 'data')).forEach((d, i) => {
        const key = text(at(d, 'remoteRef', 'key'));
        if (key) facts.keys.push({ path: `${root}.data[${i}].remoteRef.key`, value: key });
      });
      list(at(spec, 'dataFrom')).forEach((d, i) => {
        const key = text(at(d, 'extract', 'key'));
        if (key) facts.keys.push({ path: `${root}.dataFrom[${i}].extract.key`, value: key });
      });
      const target = text(at(spec, 'target', 'name')) ?? name;
      if (target && !target.includes('${')) facts.target = target;
      const storeName = text(at(spec, 'secretStoreRef', 'name'));
      if (storeName)
        facts.store = { kind: text(at(spec, 'secretStoreRef', 'kind')) ?? 'SecretStore', name: storeName };
      return facts;
    }
    case 'SecretStore':
    case 'ClusterSecretStore': {
      const aws = at(object, 'spec', 'provider', 'aws');
      if (!isObject(aws)) return undefined;
      const facts = base(kind);
      const region = text(aws.region);
      const service = text(aws.service);
      if (region && !region.includes('${')) facts.region = region;
      if (service) facts.service = service;
      return facts;
    }
    case 'SecretProviderClass': {
      if (text(at(object, 'spec', 'provider')) !== 'aws') return undefined;
      const facts = base(kind);
      const region = text(at(object, 'spec', 'parameters', 'region'));
      if (region && !region.includes('${')) facts.region = region;
      const objects = text(at(object, 'spec', 'parameters', 'objects'));
      // The AWS provider's `objects` is itself YAML: a list of {objectName, objectType, …}.
      const entries = objects ? yamlObjects(`items:\n${indent(objects)}`).flatMap((o) => list(o.items)) : [];
      entries.forEach((o, i) => {
        const objectName = text(at(o, 'objectName'));
        if (objectName)
          facts.keys.push({ path: `spec.parameters.objects[${i}].objectName`, value: objectName });
      });
      return facts;
    }
    default:
      return undefined;
  }
}

function indent(yaml: string): string {
  return yaml
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

/** Keys of Helm values that name a secret (chart conventions), never one that holds a value. */
const SECRET_REF_KEY = /(secret|parameter)(name|arn|id|ref|key)?s?$|existingsecret$/i;
const SECRET_VALUE_KEY = /(password|token|value|data|string|content|cert|privatekey)$/i;

/** A Helm release's values (literal YAML) and `set` entries that name a secret: by key, or an ARN. */
function helmFacts(body: JsonObject): KubernetesFacts | undefined {
  const facts: KubernetesFacts = { kind: 'HelmRelease', keys: [] };
  const visit = (v: Json, path: string, key: string): void => {
    if (typeof v === 'string') {
      const named = SECRET_REF_KEY.test(key) && !SECRET_VALUE_KEY.test(key);
      if (v !== '' && (isSecretArn(v) || (named && !/\s/.test(v)))) facts.keys.push({ path, value: v });
    } else if (Array.isArray(v))
      v.forEach((x, i) => {
        visit(x, `${path}[${i}]`, key);
      });
    else if (isObject(v)) for (const [k, x] of Object.entries(v)) visit(x, `${path}.${k}`, k);
  };
  for (const [i, values] of list(body.values).entries()) {
    if (typeof values !== 'string') continue;
    const objects = values.startsWith('${') ? [] : yamlObjects(values);
    for (const o of objects) visit(o, `values[${i}]`, '');
  }
  // `set_sensitive` holds values: never read.
  for (const [i, set] of list(body.set).entries()) {
    const name = text(at(set, 'name'));
    const value = at(set, 'value');
    if (name && typeof value === 'string')
      visit(value, `set[${i}].value`, name.slice(name.lastIndexOf('.') + 1).replace(/\\$/, ''));
  }
  return facts.keys.length > 0 ? facts : undefined;
}

function isSecretArn(v: string): boolean {
  return v.startsWith('arn:') && (v.includes(':secretsmanager:') || v.includes(':ssm:'));
}
