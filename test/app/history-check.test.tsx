// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { HistoryPanel } from '../../src/app/history-panel';
import { engineWithTeam, newRunFields } from '../support/db';
import { renderPage } from '../support/render-page';

afterEach(cleanup);

describe('the history’s integrity check', () => {
  it('says when the stored run differs from its intact record, and rebuilds it from the record', async () => {
    const engine = await engineWithTeam();
    await engine.createRun(newRunFields(), 'p-lead');
    await engine.db.runs.update('run-1', { title: 'Forged title' });
    const row = (await engine.db.runs.get('run-1'))!;
    renderPage(
      <HistoryPanel
        runId="run-1"
        revision={row.revision}
        context={null}
        asOf={null}
        onTravel={() => undefined}
      />,
      engine.db,
    );
    const warning = await screen.findByText(/differs from what these events produce/, undefined, {
      timeout: 5000,
    });
    expect(warning.textContent).toMatch(/^The record itself is intact \(1 event checked\)/);
    fireEvent.click(screen.getByRole('button', { name: 'Rebuild the run from its record' }));
    await screen.findByText(/^Record intact/, undefined, { timeout: 5000 });
    expect((await engine.db.runs.get('run-1'))?.title).toBe(newRunFields().title);
  });
});
