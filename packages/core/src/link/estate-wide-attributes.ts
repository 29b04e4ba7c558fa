import type { Attributes, ResourceInstance } from '../model/workspace.js';

/**
 * The attributes the linkers that run on the whole estate read (remote state, schedules,
 * secret facts, outputs by value), by type. An ingest worker sends a resource to the main
 * thread with only these: node facts travel precomputed, and attribute references and policies
 * are linked in the worker. A linker that starts reading another attribute must add it here;
 * the test that ingests the same estates in one thread and in workers fails until it does.
 */
export function estateWideAttributes(r: ResourceInstance): Attributes {
  const a = r.attributes;
  switch (r.type) {
    case 'terraform_remote_state':
    case 'aws_cloudwatch_event_target':
    case 'aws_scheduler_schedule':
    case 'aws_secretsmanager_secret_rotation':
    case 'aws_secretsmanager_secret_version':
      return a;
    case 'aws_batch_job_definition':
    case 'aws_cloudwatch_event_rule':
      return a.name === undefined ? {} : { name: a.name };
    default:
      return NO_ATTRIBUTES;
  }
}

const NO_ATTRIBUTES: Attributes = Object.freeze({}) as Attributes;

/** A resource as the main thread needs it: everything but the attributes only workers read. */
export function slimResource(r: ResourceInstance): ResourceInstance {
  const slim: ResourceInstance = {
    address: r.address,
    mode: r.mode,
    type: r.type,
    name: r.name,
    attributes: estateWideAttributes(r),
    dependencies: r.dependencies,
    redacted: r.redacted,
  };
  if (r.module !== undefined) slim.module = r.module;
  if (r.provider !== undefined) slim.provider = r.provider;
  if (r.digests !== undefined) slim.digests = r.digests;
  return slim;
}
