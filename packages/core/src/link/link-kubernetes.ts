import type { ConfigBlock, KubernetesFacts } from '../model/workspace.js';
import { arnField } from './arn.js';
import { configResolver } from './config-resolver.js';
import { allScopes, type ConfigScope, rootScope } from './config-scope.js';
import type { NamedService } from './identity-index.js';
import type { LinkContext } from './link-context.js';
import type { Scope } from './scope.js';
import { sinkLookup } from './sink-lookup.js';

/** Kinds of objects that read a secret (stores only say where). */
const CONSUMERS = new Set(['ExternalSecret', 'ClusterExternalSecret', 'SecretProviderClass', 'HelmRelease']);
const ARGUMENT: Record<string, string> = {
  kubernetes_manifest: 'manifest',
  kubectl_manifest: 'yaml_body',
  helm_release: '',
};
const SERVICE: Record<string, NamedService> = { SecretsManager: 'secretsmanager', ParameterStore: 'ssm' };

/**
 * Kubernetes objects declared in Terraform that read secrets: an External Secrets Operator
 * `ExternalSecret` / `ClusterExternalSecret` (its `remoteRef.key`, a name or ARN, resolved in
 * the region of the `SecretStore` it names), a Secrets Store CSI `SecretProviderClass` (its
 * `objects`' `objectName`, in its region), a Helm release whose values name a secret (an ARN, or
 * the Kubernetes Secret an ExternalSecret of the same workspace writes). Only objects in state
 * are linked: one that was never applied reads nothing yet.
 */
export function linkKubernetes(ctx: LinkContext): void {
  const resolver = configResolver(ctx);
  for (const { model: ws } of ctx.units) {
    if (!ws.config) continue;
    const scopes = [...allScopes(rootScope(ws.name, ws.config))];
    const objects = scopes.flatMap((scope) =>
      scope.config.blocks.flatMap((block) =>
        block.kubernetes ? [{ scope, block, facts: block.kubernetes }] : [],
      ),
    );
    if (objects.length === 0) continue;
    const home = resolver.consumerScope(ws.name);
    const stores = new Map<string, KubernetesFacts>();
    const targets = new Map<string, string[]>();
    for (const { scope, block, facts } of objects) {
      if (facts.name && (facts.kind === 'SecretStore' || facts.kind === 'ClusterSecretStore'))
        stores.set(`${facts.kind}/${facts.name}`, facts);
      if (facts.target)
        targets.set(facts.target, [
          ...(targets.get(facts.target) ?? []),
          ...resolver.ids(scope, block.address),
        ]);
    }
    for (const { scope, block, facts } of objects) {
      if (!CONSUMERS.has(facts.kind)) continue;
      const store = facts.store ? stores.get(`${facts.store.kind}/${facts.store.name}`) : undefined;
      const region = store?.region ?? facts.region ?? home.region;
      const where: Scope = { account: home.account, region };
      const service = store?.service ? SERVICE[store.service] : undefined;
      linkObject(ctx, scope, block, facts, where, service, targets);
    }
  }
}

function linkObject(
  ctx: LinkContext,
  scope: ConfigScope,
  block: ConfigBlock,
  facts: KubernetesFacts,
  where: Scope,
  service: NamedService | undefined,
  targets: ReadonlyMap<string, string[]>,
): void {
  const resolver = configResolver(ctx);
  const ids = resolver.ids(scope, block.address);
  const argument = ARGUMENT[block.type ?? ''] ?? '';
  const helm = facts.kind === 'HelmRelease';
  for (const key of facts.keys) {
    const attribute = argument ? `${argument}.${key.path}` : key.path;
    for (const ref of key.refs ?? []) {
      for (const t of resolver.resolve(scope, ref, {
        literals: true,
        consumer: where,
        literalKind: 'lookup',
        ...(service ? { service } : {}),
      })) {
        for (const id of ids)
          ctx.sink.edge(id, t.to, {
            kind: t.kind,
            attribute,
            confidence: t.confidence,
            evidence: t.evidence,
          });
      }
    }
    const value = key.value;
    if (value === undefined) continue;
    // A chart that reads the Kubernetes Secret an ExternalSecret of this workspace writes.
    const written = helm ? (targets.get(value) ?? []) : [];
    for (const to of written)
      for (const id of ids)
        ctx.sink.edge(id, to, { kind: 'depends_on', attribute, confidence: 'name', evidence: value });
    if (written.length > 0) continue;
    const matches = ctx.index.match(value, where, service);
    for (const id of ids) {
      sinkLookup(ctx.sink, id, matches, attribute, value);
      // A Helm value is only taken for a secret when it names one; what else it names is not ours to report.
      if (matches.length > 0 || helm) continue;
      if (ctx.index.existsElsewhere(value, where).length > 0)
        ctx.sink.unresolved(id, 'out_of_scope', [value]);
      else if (value.startsWith('arn:'))
        if (ctx.index.isEstateAccount(arnField(value, 4))) ctx.sink.missing(id, [value]);
        else ctx.sink.unresolved(id, 'outside_estate', [value]);
      // A name the estate does not produce may be made outside Terraform: kept, not called missing.
      else ctx.sink.unresolved(id, 'unknown_name', [value]);
    }
  }
}
