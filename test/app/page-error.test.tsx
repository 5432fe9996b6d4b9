// @vitest-environment jsdom
// Dexie's live queries look for the global IndexedDB: install fake-indexeddb's.
import 'fake-indexeddb/auto';
import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import PortfolioPage from '../../src/app/portfolio-page';
import { PageErrorBoundary } from '../../src/app/page-error';
import { demoTeam } from '../../src/domain/scenarios';
import { I18nProvider } from '../../src/i18n/react';
import { WorkspaceProvider } from '../../src/workspace/workspace';
import { freshDb } from '../support/db';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function Broken(): never {
  throw new Error('the disk went away');
}

const boundary = (resetKey: string, child: React.ReactNode) => (
  <PageErrorBoundary
    resetKey={resetKey}
    message={(detail) => `This page stopped on an error: ${detail}`}
    reload="Reload"
  >
    {child}
  </PageErrorBoundary>
);

describe('a page that fails while it renders', () => {
  it('shows what went wrong and a way on, instead of a blank window', () => {
    // React logs the caught error; the test is about what the person sees.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(boundary('/portfolio', <Broken />));
    expect(screen.getByRole('alert').textContent).toContain(
      'This page stopped on an error: the disk went away',
    );
    expect(screen.getByRole('button', { name: 'Reload' })).toBeTruthy();
  });

  it('is cleared when the person goes to another page', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { rerender } = render(boundary('/portfolio', <Broken />));
    rerender(boundary('/', <p>All runs</p>));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('All runs')).toBeTruthy();
  });

  it('catches the portfolio whose runs cannot be read, rather than leaving it loading', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const db = freshDb();
    await db.people.bulkPut(demoTeam('en').map((p) => ({ ...p, roles: [...p.roles] })));
    await db.meta.put({ key: 'workspace', value: { kind: 'empty' } });
    vi.spyOn(db.runs, 'toArray').mockRejectedValue(new Error('UnknownError: read failed'));
    render(
      <I18nProvider locale="en">
        <WorkspaceProvider locale="en" db={db}>
          <MemoryRouter initialEntries={['/portfolio']}>
            {boundary('/portfolio', <PortfolioPage />)}
          </MemoryRouter>
        </WorkspaceProvider>
      </I18nProvider>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('UnknownError: read failed');
    expect(screen.queryByText('Reading the runs…')).toBeNull();
  });
});
