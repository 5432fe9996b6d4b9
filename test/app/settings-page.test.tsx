// @vitest-environment jsdom
// Dexie's live queries look for the global IndexedDB: install fake-indexeddb's.
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsPage } from '../../src/app/settings-page';
import { DEMO_RUN_IDS, seedDemoWorkspace } from '../../src/engine/demo';
import { freshDb } from '../support/db';
import { renderPage } from '../support/render-page';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

async function renderSettings() {
  const db = freshDb();
  await db.meta.put({ key: 'workspace', value: { kind: 'empty' } });
  renderPage(<SettingsPage />, db);
  return screen.findByRole('button', { name: 'Start empty' });
}

describe('settings: clearing the workspace', () => {
  it('asks first, with focus on Cancel, and Escape gives focus back to the button', async () => {
    const startEmpty = await renderSettings();
    fireEvent.click(startEmpty);
    const confirm = screen.getByRole('alertdialog');
    expect(confirm.textContent).toMatch(/^Delete every run/);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Start empty' }));
  });

  it('gives focus back to the button that asked when Cancel is chosen', async () => {
    await renderSettings();
    fireEvent.click(screen.getByRole('button', { name: 'Reset demo data' }));
    expect(screen.getByRole('alertdialog').textContent).toMatch(/^Delete every run/);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Reset demo data' }));
  });
});

describe('settings: the run to export', () => {
  it('tells runs apart: by period unless the title says it, then by lead, then by id', async () => {
    const db = freshDb();
    await seedDemoWorkspace(db, 'en', '2026-11-27');
    // Two copies of one run under the same title and period: one led by someone else.
    const row = (await db.runs.get(DEMO_RUN_IDS.launch))!;
    await db.runs.bulkPut([
      { ...row, id: 'copy-1', title: `${row.title} 2026-Q4` },
      { ...row, id: 'copy-2', title: `${row.title} 2026-Q4` },
      { ...row, id: 'copy-3', title: `${row.title} 2026-Q4`, leadId: 'p-lead-east' },
    ]);
    renderPage(<SettingsPage />, db);
    const select = (await screen.findByRole('combobox', {
      name: 'Run to export',
    })) as HTMLSelectElement;
    await waitFor(() => expect(select.options.length).toBeGreaterThan(6));
    const labels = [...select.options].map((o) => o.textContent);

    expect(labels).toContain('Quarterly strategy adjustment · 2026-Q2');
    expect(labels).toContain(`${row.title} · 2026-Q4`);
    expect(labels.filter((l) => l?.startsWith(`${row.title} 2026-Q4 · `))).toHaveLength(3);
    expect(labels).toContain(`${row.title} 2026-Q4 · Lin Feng · copy-1`);
    expect(new Set(labels).size).toBe(labels.length);
  });
});
