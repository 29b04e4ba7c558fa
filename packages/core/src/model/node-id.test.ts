import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { externalNodeId, nodeId, parseNodeId } from './node-id.js';

describe('node ids', () => {
  it('print and parse as one canonical form', () => {
    expect(nodeId('apps/orders-api', 'aws_ecs_task_definition.api')).toBe(
      'apps/orders-api::aws_ecs_task_definition.api',
    );
    expect(parseNodeId('platform/secrets::output.db_secret_arn')).toEqual({
      workspace: 'platform/secrets',
      address: 'output.db_secret_arn',
    });
    expect(parseNodeId('platform/secrets')).toEqual({ workspace: 'platform/secrets', address: null });
    expect(parseNodeId(externalNodeId('arn:aws:iam::999999999999:root'))).toEqual({
      workspace: 'external',
      address: 'arn:aws:iam::999999999999:root',
    });
  });

  it('round-trip for any workspace without "::" and any address', () => {
    const workspace = fc.string({ minLength: 1 }).filter((s) => !s.includes('::') && !s.endsWith(':'));
    fc.assert(
      fc.property(workspace, fc.option(fc.string(), { nil: null }), (ws, address) => {
        expect(parseNodeId(nodeId(ws, address))).toEqual({ workspace: ws, address });
      }),
      { seed: 7, numRuns: 500 },
    );
  });
});
