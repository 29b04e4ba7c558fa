// @vitest-environment happy-dom
import { VERSION } from '@impact/core/version';
import { cleanup, render } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { AppFooter } from './app-footer.js';

afterEach(cleanup);

it('shows the one version of impact', () => {
  render(<AppFooter />);
  expect(document.querySelector('footer')?.textContent).toBe(`impact ${VERSION}`);
});
