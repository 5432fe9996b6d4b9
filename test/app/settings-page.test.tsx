// @vitest-environment jsdom
// Dexie's live queries look for the global IndexedDB: install fake-indexeddb's.
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsPage } from '../../src/app/settings-page';
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
