import { bumpRevision } from '@impact/core';
import { createEstateGraph } from '@impact/core/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { consumersOutside, estateAnalysis, estateFindings, worstFinding } from './estate-findings.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const secret = (s: number) => `platform::aws_secretsmanager_secret.s${s}`;
const reader = (s: number, c: number) => `app-${c % 7}::aws_lambda_function.f${s}_${c}`;
const readerEdge = (s: number, c: number) => `${reader(s, c)}->${secret(s)}`;

/** A clock that moves 15 ms each time it is read: the analysis yields after every second secret. */
function slowClock() {
  let now = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => {
    now += 15;
    return now;
  });
}

/** Secrets in one workspace, each read by its own consumers in others (`app-0` … `app-6`). */
function estate(secrets: number, consumersEach: number) {
  const graph = createEstateGraph();
  for (let s = 0; s < secrets; s++) {
    const id = secret(s);
    graph.addNode(id, {
      kind: 'resource',
      workspace: 'platform',
      address: `aws_secretsmanager_secret.s${s}`,
      label: `s${s}`,
      type: 'aws_secretsmanager_secret',
      secret: { service: 'secretsmanager', recoveryWindowDays: s === 0 ? 0 : 30 },
    });
    for (let c = 0; c < consumersEach; c++) {
      const consumer = reader(s, c);
      graph.addNode(consumer, {
        kind: 'resource',
        workspace: `app-${c % 7}`,
        address: `aws_lambda_function.f${s}_${c}`,
        label: `f${s}_${c}`,
        type: 'aws_lambda_function',
      });
      graph.addDirectedEdgeWithKey(readerEdge(s, c), consumer, id, {
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
    const analysis = await estateAnalysis(graph);
    done = true;
    // Hundreds of milliseconds of walking: the event loop got turns in between.
    expect(turns).toBeGreaterThan(1);
    expect(consumersOutside(graph, analysis, secret(1))).toEqual({ consumers: 60, consumerWorkspaces: 7 });
    expect(worstFinding(analysis, secret(0))).toBe('error:zero-recovery-window');
    expect(await estateFindings(graph)).toBe(analysis.findings);
  });

  it('is worked out again once the graph is patched in place and its revision bumped', async () => {
    const graph = estate(3, 2);
    const before = await estateAnalysis(graph);
    expect(consumersOutside(graph, before, secret(1))).toEqual({ consumers: 2, consumerWorkspaces: 2 });
    expect(worstFinding(before, secret(1))).not.toBe('error:zero-recovery-window');
    // As an incremental ingest does: one consumer stops reading s1, whose window drops to 0.
    graph.dropEdge(readerEdge(1, 0));
    graph.mergeNodeAttributes(secret(1), { secret: { service: 'secretsmanager', recoveryWindowDays: 0 } });
    expect(await estateAnalysis(graph)).toBe(before);
    bumpRevision(graph);
    const after = await estateAnalysis(graph);
    expect(after.revision).toBe(1);
    expect(consumersOutside(graph, after, secret(1))).toEqual({ consumers: 1, consumerWorkspaces: 1 });
    expect(worstFinding(after, secret(1))).toBe('error:zero-recovery-window');
  });

  it('starts again when the graph is patched while it runs, and is joined meanwhile', async () => {
    const graph = estate(10, 3);
    slowClock();
    // Its first slice (s0 and s1) runs now; the rest waits for the next turns.
    const running = estateAnalysis(graph);
    graph.dropEdge(readerEdge(0, 0));
    bumpRevision(graph);
    expect(estateAnalysis(graph)).toBe(running);
    const analysis = await running;
    expect(analysis.revision).toBe(1);
    // s0's consumers were walked before the patch: only a new pass counts two.
    expect(consumersOutside(graph, analysis, secret(0))).toEqual({ consumers: 2, consumerWorkspaces: 2 });
  });
});
