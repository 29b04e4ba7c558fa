import { describe, expect, it } from 'vitest';
import { changesHref, matchRoute, nodeHref, workspaceHref } from './router.js';

describe('matchRoute', () => {
  it('round-trips node ids and workspace names through their URLs', () => {
    const id = 'apps/orders-api::module.x["a/b"].aws_ecs_task_definition.api[0]';
    expect(matchRoute(nodeHref(id).split('?')[0] ?? '')).toEqual({ page: 'node', id });
    expect(matchRoute(workspaceHref('platform/secrets'))).toEqual({
      page: 'workspace',
      name: 'platform/secrets',
    });
  });

  it('knows every page and reports the rest as not found', () => {
    expect(matchRoute('/')).toEqual({ page: 'inventory' });
    expect(matchRoute('/plan/')).toEqual({ page: 'plan' });
    expect(matchRoute('/plan/0b6f')).toEqual({ page: 'plan', id: '0b6f' });
    expect(matchRoute('/status')).toEqual({ page: 'status' });
    expect(matchRoute('/findings')).toEqual({ page: 'findings' });
    expect(matchRoute('/changes')).toEqual({ page: 'changes' });
    expect(matchRoute(changesHref(12))).toEqual({ page: 'changes', version: 12 });
    expect(matchRoute('/changes/0')).toEqual({ page: 'not-found', path: '/changes/0' });
    expect(matchRoute('/changes/latest')).toEqual({ page: 'not-found', path: '/changes/latest' });
    expect(matchRoute('/rules/no-rotation')).toEqual({ page: 'rule', id: 'no-rotation' });
    expect(matchRoute('/workspaces')).toEqual({ page: 'workspaces' });
    expect(matchRoute('/node/%E0%A4%A')).toEqual({ page: 'not-found', path: '/node/%E0%A4%A' });
  });
});
