import type { Confidence, EdgeKind, NodeAttributes } from '../model/graph-types.js';
import { nodeId } from '../model/node-id.js';
import type { ConfigBlock } from '../model/workspace.js';
import { type ConfigScope, childScope, inScope } from './config-scope.js';
import type { NamedService } from './identity-index.js';
import type { LinkContext, LinkedWorkspace } from './link-context.js';
import { referenceTarget } from './reference-target.js';
import type { Scope } from './scope.js';

/** What a reference (or a literal it leads to) resolves to: a node, and how it is known. */
export interface ConfigTarget {
  to: string;
  kind: EdgeKind;
  confidence: Confidence;
  evidence: string;
  candidates?: string[];
}

export interface ResolveOptions {
  /**
   * Whether literal identities a reference leads to (a local's, a module input's, a Terragrunt
   * input's) are matched against the estate: for consumers the state does not show. A resource in
   * state holds the evaluated value, which the attribute linkers read.
   */
  literals: boolean;
  /** Where the consumer resolves names: its workspace's account and region. */
  consumer: Scope;
  /** The service a name is looked up in, when the consumer says (an ephemeral SSM parameter). */
  service?: NamedService;
  /** The edge kind of a literal's match (`lookup` for what reads a secret, else `arn_reference`). */
  literalKind?: EdgeKind;
}

/** References nest (a local of a local of a module output): deeper than this is a cycle. */
const MAX_DEPTH = 32;
const NO_TARGETS: ConfigTarget[] = [];

/**
 * Follows a Terraform reference of a configuration to the nodes it reads, through locals, module
 * variables (to the module call, which links to what it is passed), module outputs (to the
 * resources inside), remote-state outputs (to the producer's output) and, in a Terragrunt unit,
 * root variables fed by a `dependency` (to the dependency block). Module call and provider nodes,
 * which only configuration shows, are added to the graph when something links through them.
 * One per link context: module calls are resolved once.
 */
export class ConfigResolver {
  private readonly byName: ReadonlyMap<string, LinkedWorkspace>;
  private readonly modulesDone = new Map<string, boolean>();

  constructor(private readonly ctx: LinkContext) {
    this.byName = new Map(ctx.workspaces.map((w) => [w.model.name, w] as const));
  }

  /** Node ids of a block's instances in state (a resource, data source or ephemeral resource). */
  ids(scope: ConfigScope, address: string): string[] {
    return this.ctx.byConfigAddress.get(scope.workspace)?.get(inScope(scope, address)) ?? [];
  }

  /** The consumer scope of a workspace: its own account and region. */
  consumerScope(workspace: string): Scope {
    const facts = this.byName.get(workspace)?.facts;
    return { account: facts?.account ?? '', region: facts?.region ?? '' };
  }

  resolve(scope: ConfigScope, ref: string, options: ResolveOptions, depth = 0): ConfigTarget[] {
    if (depth > MAX_DEPTH) return NO_TARGETS;
    const parts = ref.split('.');
    const head = parts[0] ?? '';
    const name = unquote(parts[1] ?? '');
    switch (head) {
      case 'local': {
        const block = scope.blocks.get(`local.${name}`);
        if (!block) return NO_TARGETS;
        const out = block.references.flatMap((r) => this.resolve(scope, r.ref, options, depth + 1));
        if (options.literals)
          out.push(...this.literals(Object.values(block.literals), options, `local.${name}`));
        return out.map((t) => ({ ...t, evidence: `local.${name} = ${t.evidence}` }));
      }
      case 'var':
        return this.variable(scope, name, options, depth);
      case 'module':
        return this.moduleOutput(scope, name, unquote(parts[2] ?? ''), ref, options, depth);
      default: {
        const target = referenceTarget(ref);
        if (!target) return NO_TARGETS;
        const out: ConfigTarget[] = [];
        for (const id of this.ids(scope, target.block)) {
          const producer = this.ctx.remoteStates.get(id);
          const output = target.rest[0] === 'outputs' ? target.rest[1] : undefined;
          if (producer && output) {
            out.push({
              to: nodeId(producer, `output.${unquote(output)}`),
              kind: 'reads_output',
              confidence: 'reference',
              evidence: ref,
            });
          } else out.push({ to: id, kind: 'depends_on', confidence: 'reference', evidence: ref });
        }
        return out;
      }
    }
  }

  /** Literal identities matched in the consumer's scope, as AWS would resolve them. */
  literals(values: readonly string[], options: ResolveOptions, via: string): ConfigTarget[] {
    const out: ConfigTarget[] = [];
    for (const value of values) {
      for (const m of this.ctx.index.match(value, options.consumer, options.service)) {
        if (m.id === '') continue;
        out.push({
          to: m.id,
          kind: m.via ?? options.literalKind ?? 'arn_reference',
          confidence: m.confidence,
          evidence: via === '' ? m.matched : `${via} = ${m.matched}`,
          ...(m.candidates ? { candidates: m.candidates } : {}),
        });
      }
    }
    return out;
  }

  /**
   * `var.x` of a local module: the module call, once what it passes as `x` resolves to something
   * (the call links to that). Of a Terragrunt unit's root module: the `dependency` whose output
   * its `inputs` pass as `x`.
   */
  private variable(scope: ConfigScope, name: string, options: ResolveOptions, depth: number): ConfigTarget[] {
    if (scope.call) {
      const { block, parent } = scope.call;
      const reached = this.moduleInputs(parent, block, scope.path, depth, name);
      return reached
        ? [
            {
              to: nodeId(scope.workspace, scope.path),
              kind: 'module_input',
              confidence: 'reference',
              evidence: `var.${name}`,
            },
          ]
        : NO_TARGETS;
    }
    const unit = this.byName.get(scope.workspace)?.model.terragrunt;
    const input = unit?.inputs.find((i) => i.name === name);
    if (!input) return NO_TARGETS;
    const out: ConfigTarget[] = [];
    for (const read of input.reads) {
      const to = nodeId(scope.workspace, `dependency.${read.dependency}`);
      if (!this.ctx.graph.hasNode(to)) continue;
      out.push({
        to,
        kind: 'depends_on',
        confidence: 'reference',
        evidence: `var.${name} = dependency.${read.dependency}.outputs.${read.output}`,
      });
    }
    if (options.literals) out.push(...this.literals(input.literals, options, `var.${name}`));
    return out;
  }

  /**
   * Links a module call to what its inputs resolve to (once per call and input), adding its node
   * when there is any. `only` limits it to one input. Returns whether that input reaches anything.
   */
  moduleInputs(parent: ConfigScope, block: ConfigBlock, path: string, depth: number, only?: string): boolean {
    const key = `${parent.workspace}::${path}${only === undefined ? '' : `#${only}`}`;
    const done = this.modulesDone.get(key);
    if (done !== undefined) return done;
    this.modulesDone.set(key, false);
    const id = nodeId(parent.workspace, path);
    const inputOf = (attribute: string) => attribute.split(/[.[]/)[0] ?? attribute;
    const consumer = this.consumerScope(parent.workspace);
    const literalOptions: ResolveOptions = { literals: true, consumer };
    let reached = false;
    const add = (input: string, targets: ConfigTarget[]) => {
      if (targets.length === 0) return;
      this.ensureNode(id, {
        kind: 'module',
        workspace: parent.workspace,
        address: path,
        label: path,
        ...sourceOf(block),
        ...scopeAttributes(consumer),
      });
      for (const t of targets)
        this.ctx.sink.edge(id, t.to, {
          kind: t.kind,
          attribute: input,
          confidence: t.confidence,
          evidence: t.evidence,
          ...(t.candidates ? { candidates: t.candidates } : {}),
        });
      reached = true;
    };
    for (const { attribute, ref } of block.references) {
      const input = inputOf(attribute);
      if (META_ARGUMENTS.has(input) || (only !== undefined && input !== only)) continue;
      add(input, this.resolve(parent, ref, literalOptions, depth + 1));
    }
    for (const [path_, value] of Object.entries(block.literals)) {
      const input = inputOf(path_);
      if (only !== undefined && input !== only) continue;
      add(input, this.literals([value], literalOptions, ''));
    }
    this.modulesDone.set(key, reached);
    return reached;
  }

  /** `module.m.o`: the resources inside that output `o` exposes, or the call when its source is not on disk. */
  private moduleOutput(
    scope: ConfigScope,
    name: string,
    output: string,
    ref: string,
    options: ResolveOptions,
    depth: number,
  ): ConfigTarget[] {
    // A module's output is what it exposes, however the consumer reads it.
    const child = childScope(scope, name);
    if (child) {
      const block = child.blocks.get(`output.${output}`);
      if (!block) return NO_TARGETS;
      return block.references
        .flatMap((r) => this.resolve(child, r.ref, options, depth + 1))
        .map((t) => ({ ...t, evidence: `${ref} = ${t.evidence}` }));
    }
    const block = scope.blocks.get(`module.${name}`);
    if (!block) return NO_TARGETS;
    const path = inScope(scope, `module.${name}`);
    this.moduleInputs(scope, block, path, depth);
    const id = nodeId(scope.workspace, path);
    return this.ctx.graph.hasNode(id)
      ? [{ to: id, kind: 'depends_on', confidence: 'reference', evidence: ref }]
      : NO_TARGETS;
  }

  /** Adds a node only configuration shows, once. */
  ensureNode(id: string, attrs: NodeAttributes): void {
    this.ctx.sink.external(id, attrs);
  }
}

/** A module call's arguments that are not inputs. */
const META_ARGUMENTS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

/** `"password"` → `password`: references index maps by quoted keys. */
function unquote(s: string): string {
  return s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s.replace(/\[.*$/, '');
}

export function sourceOf(block: ConfigBlock): Pick<NodeAttributes, 'source'> {
  return block.line > 0 ? { source: { file: block.file, line: block.line } } : {};
}

export function scopeAttributes(scope: Scope): Pick<NodeAttributes, 'account' | 'region' | 'scopeFrom'> {
  return {
    ...(scope.account ? { account: scope.account } : {}),
    ...(scope.region ? { region: scope.region } : {}),
    ...(scope.account || scope.region ? { scopeFrom: 'workspace' as const } : {}),
  };
}

const resolvers = new WeakMap<LinkContext, ConfigResolver>();

/** The resolver of a link context, shared by the linkers that read configuration. */
export function configResolver(ctx: LinkContext): ConfigResolver {
  let r = resolvers.get(ctx);
  if (!r) {
    r = new ConfigResolver(ctx);
    resolvers.set(ctx, r);
  }
  return r;
}
