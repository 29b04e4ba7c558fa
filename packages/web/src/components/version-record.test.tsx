// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FIRST_VERSION, LEDGER, SECOND_VERSION } from '../../test/history-fixtures.js';
import { VersionRecordView } from './version-record.js';
import { summaryWords } from './version-timeline.js';

afterEach(cleanup);

/** Opens a <details> as a click on its summary would (happy-dom does not toggle it by itself). */
function open(details: HTMLElement): void {
  (details as HTMLDetailsElement).open = true;
  fireEvent(details, new Event('toggle'));
}

describe('VersionRecordView', () => {
  it('says the first version has nothing to compare with', () => {
    render(<VersionRecordView record={FIRST_VERSION} />);
    expect(screen.getByRole('heading', { name: 'Version 1' })).toBeTruthy();
    expect(document.querySelector('.empty')?.textContent).toBe(
      'First version recorded: nothing to compare with.',
    );
    expect(summaryWords(null)).toBe('first version recorded: nothing to compare with');
  });

  it('lists secret events in words, the secret linked to its node page', () => {
    render(<VersionRecordView record={SECOND_VERSION} />);
    const event = document.querySelector('li[data-event="deleted"]') as HTMLElement;
    expect(event.textContent).toMatch(
      /^Secret prod\/ledger\/token deleted in platform\/secrets: recoverable for 7 days after the delete\. 2 consumers had it\./,
    );
    expect(within(event).getByRole('link', { name: 'prod/ledger/token' }).getAttribute('href')).toBe(
      `/node/${encodeURIComponent(LEDGER)}`,
    );
  });

  it('counts what changed, renders a list only once opened and a page at a time, and says what was cut', () => {
    render(<VersionRecordView record={SECOND_VERSION} />);
    expect(document.querySelector('.note')?.textContent).toContain('Lists cut at their limit: edges.removed');
    const summaries = [...document.querySelectorAll('.change-lists summary')].map((s) => s.textContent);
    expect(summaries).toEqual(['Resources removed (2)', 'Edges removed (6000) · list cut at 5000']);
    const edges = document.querySelectorAll('.change-lists details')[1] as HTMLElement;
    expect(edges.querySelectorAll('li')).toHaveLength(0);
    open(edges);
    expect(edges.querySelectorAll('li')).toHaveLength(100);
    fireEvent.click(within(edges).getByRole('button', { name: 'Show 500 more of 4900' }));
    expect(edges.querySelectorAll('li')).toHaveLength(600);
    expect(edges.textContent).toContain(
      'The store keeps the first 5000 ids of this list; 1000 more are counted',
    );
  });

  it('sums a version up in one line', () => {
    expect(summaryWords(SECOND_VERSION.changes?.summary ?? null)).toBe('resources −2 · edges −6000');
    expect(
      summaryWords({
        workspacesAdded: 0,
        workspacesRemoved: 0,
        resourcesAdded: 0,
        resourcesRemoved: 0,
        resourcesChanged: 0,
        edgesAdded: 0,
        edgesRemoved: 0,
        secretEvents: 0,
      }),
    ).toBe('no change');
  });
});
