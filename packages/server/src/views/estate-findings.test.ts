import { createEstateGraph } from '@impact/core/node';
import { describe, expect, it } from 'vitest';
import { consumersOutside, estateAnalysis, estateFindings, worstFinding } from './estate-findings.js';

/** Secrets in one workspace, each read by its own consumers in another. */
function estate(secrets: number, consumersEach: number) {
  const graph = createEstateGraph();
  for (let s = 0; s < secrets; s++) {
    const id = `platform::aws_secretsmanager_secret.s${s}`;
    graph.addNode(id, {
      kind: 'resource',
      workspace: 'platform',
      address: `aws_secretsmanager_secret.s${s}`,
      label: `s${s}`,
      type: 'aws_secretsmanager_secret',
      secret: { service: 'secretsmanager', recoveryWindowDays: s === 0 ? 0 : 30 },
    });
    for (let c = 0; c < consumersEach; c++) {
      const consumer = `app-${c % 7}::aws_lambda_function.f${s}_${c}`;
      graph.addNode(consumer, {
        kind: 'resource',
        workspace: `app-${c % 7}`,
        address: `aws_lambda_function.f${s}_${c}`,
        label: `f${s}_${c}`,
        type: 'aws_lambda_function',
      });
      graph.addDirectedEdgeWithKey(`${consumer}->${id}`, consumer, id, {
        kind: 'arn_reference',
        attribute: 'environment',
        confidence: 'exact',
      });
    }
  }
  return graph;
}

describe('estateAnalysis', () => {
  it('lets other work run while it walks every secret, and counts consumers outside the workspace', async () => {
    const graph = estate(4000, 60);
    let turns = 0;
    let done = false;
    const turn = () => {
      turns++;
      if (!done) setImmediate(turn);
    };
    setImmediate(turn);
    await estateAnalysis(graph);
    done = true;
    // Hundreds of milliseconds of walking: the event loop got turns in between.
    expect(turns).toBeGreaterThan(1);
    expect(await consumersOutside(graph, 'platform::aws_secretsmanager_secret.s1')).toEqual({
      consumers: 60,
      consumerWorkspaces: 7,
    });
    expect(await worstFinding(graph, 'platform::aws_secretsmanager_secret.s0')).toBe(
      'error:zero-recovery-window',
    );
    expect(await estateFindings(graph)).toBe((await estateAnalysis(graph)).findings);
  });
});
