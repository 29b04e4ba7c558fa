import type { Scope } from './estate-layout.js';
import type { Prng } from './prng.js';
import { type Json, type StateBuilder, tags } from './state-builder.js';

type Filler = (
  ws: string,
  name: string,
  rng: Prng,
  scope: Scope,
) => { type: string; attributes: { [key: string]: Json } };

const slug = (ws: string) => ws.replace(/[^a-z0-9]+/g, '-');

const FILLERS: Filler[] = [
  (ws, name, rng, { account: ACCOUNT, region: REGION }) => ({
    type: 'aws_cloudwatch_log_group',
    attributes: {
      arn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/${slug(ws)}/${name}`,
      id: `/${slug(ws)}/${name}`,
      kms_key_id: '',
      log_group_class: 'STANDARD',
      name: `/${slug(ws)}/${name}`,
      name_prefix: '',
      retention_in_days: rng.pick([7, 14, 30, 90]),
      skip_destroy: false,
      ...tags(ws),
    },
  }),
  (ws, name, rng, { account: ACCOUNT, region: REGION }) => {
    const id = `sg-0${rng.hex(16)}`;
    return {
      type: 'aws_security_group',
      attributes: {
        arn: `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/${id}`,
        description: `${name} tasks`,
        egress: [
          {
            cidr_blocks: ['0.0.0.0/0'],
            description: '',
            from_port: 0,
            ipv6_cidr_blocks: [],
            prefix_list_ids: [],
            protocol: '-1',
            security_groups: [],
            self: false,
            to_port: 0,
          },
        ],
        id,
        ingress: [],
        name: `${slug(ws)}-${name}`,
        name_prefix: '',
        owner_id: ACCOUNT,
        revoke_rules_on_delete: false,
        timeouts: null,
        vpc_id: `vpc-0${rng.hex(16)}`,
        ...tags(ws, { Name: name }),
      },
    };
  },
  (ws, name, _rng, { account: ACCOUNT, region: REGION }) => ({
    type: 'aws_sqs_queue',
    attributes: {
      arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${slug(ws)}-${name}`,
      content_based_deduplication: false,
      delay_seconds: 0,
      fifo_queue: false,
      id: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${slug(ws)}-${name}`,
      kms_master_key_id: '',
      max_message_size: 262144,
      message_retention_seconds: 345600,
      name: `${slug(ws)}-${name}`,
      policy: '',
      receive_wait_time_seconds: 0,
      redrive_policy: '',
      sqs_managed_sse_enabled: true,
      visibility_timeout_seconds: 30,
      ...tags(ws),
    },
  }),
  (ws, name, rng, { account: ACCOUNT, region: REGION }) => ({
    type: 'aws_cloudwatch_metric_alarm',
    attributes: {
      actions_enabled: true,
      alarm_actions: [`arn:aws:sns:${REGION}:${ACCOUNT}:alerts`],
      alarm_description: `${name} errors`,
      alarm_name: `${slug(ws)}-${name}`,
      arn: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${slug(ws)}-${name}`,
      comparison_operator: 'GreaterThanThreshold',
      dimensions: { ServiceName: name },
      evaluation_periods: 1 + rng.int(5),
      id: `${slug(ws)}-${name}`,
      metric_name: 'Errors',
      namespace: 'AWS/ECS',
      period: 300,
      statistic: 'Sum',
      threshold: rng.int(100),
      treat_missing_data: 'missing',
      ...tags(ws),
    },
  }),
  (ws, name, _rng, { region: REGION }) => ({
    type: 'aws_s3_bucket',
    attributes: {
      arn: `arn:aws:s3:::${slug(ws)}-${name}`,
      bucket: `${slug(ws)}-${name}`,
      bucket_domain_name: `${slug(ws)}-${name}.s3.amazonaws.com`,
      force_destroy: false,
      hosted_zone_id: 'Z1BKCTXD74EZPE',
      id: `${slug(ws)}-${name}`,
      object_lock_enabled: false,
      region: REGION,
      ...tags(ws),
    },
  }),
];

/**
 * Everything else a real state holds (log groups, security groups, queues, alarms, buckets),
 * in `count` blocks, until the workspace has `target` instances. Some depend on the interesting
 * resources (`anchors`), as alarms and log groups do in practice.
 */
export function addFillers(
  b: StateBuilder,
  ws: string,
  rng: Prng,
  target: number,
  anchors: string[],
  scope: Scope,
): void {
  let block = 0;
  while (b.instanceCount < target) {
    const make = FILLERS[block % FILLERS.length]!;
    const count = Math.min(1 + rng.int(4), target - b.instanceCount);
    const blockName = `f${block}`;
    const deps = anchors.length > 0 && rng.chance(0.4) ? [rng.pick(anchors)] : [];
    for (let i = 0; i < count; i++) {
      const { type, attributes } = make(ws, `${blockName}-${i}`, rng, scope);
      b.add('managed', type, blockName, attributes, {
        ...(count > 1 ? { indexKey: i } : {}),
        dependencies: deps,
      });
    }
    block++;
  }
}
