import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeEstate, type TestResource, type TestWorkspace } from './make-estate.js';

// Seeded and bounded: the same cases on every run.
const SEED = 20_261_203;
const ACCOUNTS = ['310000000001', '310000000002', '310000000003', '310000000004'];
const REGIONS = ['eu-west-1', 'us-east-1'];
const NAMES = ['app/db', 'app/api', 'shared/token'];

const secretArn = (account: string, region: string, name: string) =>
  `arn:aws:secretsmanager:${region}:${account}:secret:${name}-${(account.slice(-2) + region.slice(0, 2) + name.length).padEnd(6, 'x').slice(0, 6)}`;

/** How a consumer names a secret: by name, by its ARN without suffix, by its full ARN, by a pattern. */
const reference = fc.record({
  how: fc.constantFrom('name', 'partial', 'full', 'pattern', 'lookup'),
  name: fc.constantFrom(...NAMES),
  /** Whose secret: the consumer's own deployment, or another account's / region's. */
  account: fc.nat({ max: ACCOUNTS.length - 1 }),
  region: fc.nat({ max: REGIONS.length - 1 }),
});

const deployment = fc.record({
  account: fc.nat({ max: ACCOUNTS.length - 1 }),
  region: fc.nat({ max: REGIONS.length - 1 }),
  /** Accounts this deployment's secrets' resource policies let in. */
  grants: fc.uniqueArray(fc.nat({ max: ACCOUNTS.length - 1 }), { maxLength: 2 }),
  refs: fc.array(reference, { maxLength: 5 }),
  /** Whether the consumer's workspace shows where it runs (an ARN of its own). */
  scoped: fc.boolean(),
});

/** The estate, and the accounts each platform workspace's secret policies let in. */
type Reference = typeof reference extends fc.Arbitrary<infer T> ? T : never;
type Deployment = typeof deployment extends fc.Arbitrary<infer T> ? T : never;

function estateOf(deployments: Deployment[]): {
  workspaces: TestWorkspace[];
  grants: Map<string, Set<string>>;
} {
  const out: TestWorkspace[] = [];
  const grants = new Map<string, Set<string>>();
  const seen = new Set<string>();
  deployments.forEach((d, i) => {
    const account = ACCOUNTS[d.account] as string;
    const region = REGIONS[d.region] as string;
    const key = `${account}/${region}`;
    if (!seen.has(key)) {
      seen.add(key);
      const resources: TestResource[] = NAMES.flatMap((name, n) => [
        {
          address: `aws_secretsmanager_secret.s${n}`,
          attributes: { arn: secretArn(account, region, name), name, recovery_window_in_days: 7 },
        },
        ...(d.grants.length > 0
          ? [
              {
                address: `aws_secretsmanager_secret_policy.s${n}`,
                attributes: {
                  secret_arn: secretArn(account, region, name),
                  policy: JSON.stringify({
                    Statement: d.grants.map((g) => ({
                      Effect: 'Allow',
                      Principal: { AWS: `arn:aws:iam::${ACCOUNTS[g]}:root` },
                      Action: 'secretsmanager:GetSecretValue',
                      Resource: '*',
                    })),
                  }),
                },
              },
            ]
          : []),
      ]);
      out.push({ name: `${key}/platform`, resources });
      grants.set(`${key}/platform`, new Set(d.grants.map((g) => ACCOUNTS[g] as string)));
    }
    const target = (r: Reference) => ({
      account: ACCOUNTS[r.account] as string,
      region: REGIONS[r.region] as string,
    });
    const resources: TestResource[] = [];
    if (d.scoped)
      resources.push({
        address: 'aws_sqs_queue.q',
        attributes: { arn: `arn:aws:sqs:${region}:${account}:q${i}`, name: `q${i}` },
      });
    d.refs.forEach((r, j) => {
      const t = target(r);
      const value =
        r.how === 'name' || r.how === 'lookup'
          ? r.name
          : r.how === 'partial'
            ? `arn:aws:secretsmanager:${t.region}:${t.account}:secret:${r.name}`
            : r.how === 'full'
              ? secretArn(t.account, t.region, r.name)
              : `arn:aws:secretsmanager:*:*:secret:${r.name.split('/')[0]}/*`;
      if (r.how === 'lookup')
        resources.push({ address: `data.aws_secretsmanager_secret.l${j}`, attributes: { name: value } });
      else if (r.how === 'pattern')
        resources.push({
          address: `aws_iam_policy.p${j}`,
          attributes: {
            policy: JSON.stringify({
              Statement: [{ Effect: 'Allow', Action: 'secretsmanager:*', Resource: value }],
            }),
          },
        });
      else
        resources.push({
          address: `aws_lambda_function.f${j}`,
          attributes: {
            arn: `arn:aws:lambda:${region}:${account}:function:f${i}x${j}`,
            function_name: `f${i}x${j}`,
            environment: [{ variables: { SECRET: value } }],
          },
        });
    });
    out.push({ name: `consumer-${i}`, resources });
  });
  return { workspaces: out, grants };
}

describe('scope, on generated multi-account estates', () => {
  it('no edge crosses accounts except by a full ARN or a resource policy that lets the account in', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(deployment, { minLength: 1, maxLength: 6 }), async (deployments) => {
        const { workspaces, grants } = estateOf(deployments);
        const built = await makeEstate(workspaces);
        const g = built.graph;
        const granted = (target: string, account: string): boolean =>
          grants.get(g.getNodeAttribute(target, 'workspace'))?.has(account) === true;
        g.forEachEdge((_e, a, s, t, sa, ta) => {
          if (sa.kind === 'external' || !sa.account || !ta.account || sa.account === ta.account) return;
          const ok = a.confidence === 'exact' || granted(t, sa.account);
          if (!ok) throw new Error(`${s} -${a.kind}(${a.confidence})-> ${t} crosses accounts`);
        });
        // A name only links in its consumer's scope, or is ambiguous when that scope is unknown.
        g.forEachEdge((_e, a, _s, _t, sa, ta) => {
          if (a.confidence !== 'name') return;
          if (sa.account && ta.account) expect(sa.account).toBe(ta.account);
          if (sa.region && ta.region) expect(sa.region).toBe(ta.region);
        });
        g.forEachEdge((_e, a, _s, _t, sa) => {
          if (a.confidence === 'ambiguous') expect(!sa.account || !sa.region).toBe(true);
        });
      }),
      { seed: SEED, numRuns: 150 },
    );
  });
});
