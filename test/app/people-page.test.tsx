// @vitest-environment jsdom
// Dexie's live queries look for the global IndexedDB: install fake-indexeddb's.
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PeoplePage } from '../../src/app/people-page';
import { demoTeam } from '../../src/domain/scenarios';
import { ACTING_STORAGE_KEY } from '../../src/workspace/workspace';
import { freshDb } from '../support/db';
import { renderPage } from '../support/render-page';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

async function renderPeople() {
  const db = freshDb();
  await db.people.bulkPut(demoTeam('en').map((p) => ({ ...p, roles: [...p.roles] })));
  await db.meta.put({ key: 'workspace', value: { kind: 'empty' } });
  renderPage(<PeoplePage />, db);
  await screen.findByRole('group', { name: 'Roles of Lin Feng' });
  return db;
}

const names = () =>
  within(screen.getAllByRole('rowgroup')[1]!)
    .getAllByRole('row')
    .map((row) => within(row).getAllByRole('cell')[0]!.textContent);

function add(name: string, role: string) {
  const form = screen.getByRole('region', { name: 'Add person' });
  fireEvent.change(within(form).getByLabelText('Name'), { target: { value: name } });
  fireEvent.click(within(form).getByRole('checkbox', { name: role }));
  fireEvent.click(within(form).getByRole('button', { name: 'Add person' }));
}

describe('the people page', () => {
  it('lists the team by name, not in the order they were stored', async () => {
    await renderPeople();
    const listed = names();
    expect(listed).toEqual([...listed].sort((a, b) => a!.localeCompare(b!)));
    expect(listed).toContain('Wang Min');
  });

  it('refuses a second person of the same name, however it is spaced or cased, and says what to do', async () => {
    const db = await renderPeople();
    add('  wang   MIN ', 'Marketing');
    expect(screen.getByRole('alert').textContent).toBe(
      'Wang Min is already on the team. To change their roles, use the list above; for someone else of the same name, add what tells them apart (a team or city).',
    );
    const field = within(screen.getByRole('region', { name: 'Add person' })).getByLabelText('Name');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(field);
    expect(await db.people.count()).toBe(demoTeam('en').length);
  });

  it('keeps the team’s changes on record: who added whom and who changed whose roles, newest first', async () => {
    localStorage.setItem(ACTING_STORAGE_KEY, 'p-lead');
    const db = await renderPeople();
    add('Alice Gao', 'Marketing');
    await screen.findByText('Lin Feng added Alice Gao as Marketing', { exact: false });
    fireEvent.click(
      within(screen.getByRole('group', { name: 'Roles of Lin Feng' })).getByRole('checkbox', {
        name: 'Finance',
      }),
    );
    const record = await screen.findByRole('region', { name: 'Changes to the team' });
    await waitFor(() =>
      expect(
        within(record)
          .getAllByRole('listitem')
          .map((li) => li.textContent),
      ).toEqual([
        expect.stringMatching(
          /Lin Feng changed the roles of Lin Feng: added Finance\. Roles now: Strategy lead and Finance$/,
        ),
        expect.stringMatching(/Lin Feng added Alice Gao as Marketing$/),
      ]),
    );
    const stored = await db.peopleLog.toArray();
    expect(stored.map((c) => [c.by, c.personId === 'p-lead', c.before, c.after])).toEqual([
      ['p-lead', false, null, ['marketing']],
      ['p-lead', true, ['lead'], ['lead', 'finance']],
    ]);
  });

  it('adds someone new, in their place by name', async () => {
    const db = await renderPeople();
    add('Alice Gao', 'Marketing');
    await waitFor(() => expect(names()[0]).toBe('Alice Gao'));
    expect(await db.people.count()).toBe(demoTeam('en').length + 1);
  });
});
