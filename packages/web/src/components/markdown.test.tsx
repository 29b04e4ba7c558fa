// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { RULE_DOCS } from '../rules/rule-docs.js';
import { Markdown } from './markdown.js';

afterEach(cleanup);

describe('Markdown', () => {
  it('renders a rule page: title, sections, fenced code, inline code', () => {
    const doc = RULE_DOCS.get('no-rotation');
    expect(doc).toBeDefined();
    const { container } = render(<Markdown text={doc ?? ''} />);
    expect(container.querySelector('h2')?.textContent).toContain('no-rotation');
    expect([...container.querySelectorAll('h3')].map((h) => h.textContent)).toEqual([
      'Why',
      'How to fix',
      'Example',
    ]);
    expect(container.querySelector('pre code')?.textContent).toContain('aws_secretsmanager_secret_rotation');
  });

  it('never turns text into HTML', () => {
    const { container } = render(<Markdown text={'<img src=x onerror=alert(1)> and `<b>`'} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('has a page for every rule core knows', async () => {
    const { RULES } = await import('../../../core/src/rules/registry.js');
    for (const rule of RULES) expect(RULE_DOCS.has(rule.id), rule.id).toBe(true);
  });
});
