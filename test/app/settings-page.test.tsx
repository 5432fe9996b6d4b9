// @vitest-environment jsdom
// Dexie's live queries look for the global IndexedDB: install fake-indexeddb's.
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { SettingsPage } from '../../src/app/settings-page';
import { I18nProvider } from '../../src/i18n/react';
import { WorkspaceProvider } from '../../src/workspace/workspace';
import { ToastProvider } from '../../src/workspace/toasts';
import { freshDb } from '../support/db';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

async function renderSettings() {
  const db = freshDb();
  await db.meta.put({ key: 'workspace', value: { kind: 'empty' } });
  render(
    <I18nProvider locale="en">
      <ToastProvider closeLabel="Dismiss">
        <WorkspaceProvider locale="en" db={db}>
          <MemoryRouter>
            <SettingsPage />
          </MemoryRouter>
        </WorkspaceProvider>
      </ToastProvider>
    </I18nProvider>,
  );
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
