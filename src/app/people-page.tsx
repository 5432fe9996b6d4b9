import { useEffect, useRef, useState } from 'react';
import { ROLES, type Role } from '../domain/people';
import { useI18n } from '../i18n/react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { PersonChange } from '../storage/records';
import { usePersonName, useWorkspace } from '../workspace/workspace';
import { useToast } from '../workspace/toasts';
import { TableScroll } from '../stages/table-scroll';

/** Two names people would take for the same person: case, width and spacing aside. */
const sameName = (a: string, b: string) => {
  const plain = (name: string) => name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
  return plain(a) === plain(b);
};

/** The team: who can lead, approve at which gates, and report progress. */
export function PeoplePage() {
  const { t, label } = useI18n();
  const { people, engine, acting } = useWorkspace();
  const toast = useToast();
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [error, setError] = useState('');
  // Which field the error is about, so it is marked and focused; null for the roles.
  const [nameInvalid, setNameInvalid] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);
  const refuseName = (message: string) => {
    setError(message);
    setNameInvalid(true);
    nameInput.current?.focus();
  };

  const toggle = (list: Role[], role: Role) =>
    list.includes(role) ? list.filter((r) => r !== role) : [...list, role];
  const add = async () => {
    if (!name.trim()) return refuseName(t('ui.people.nameRequired'));
    const same = people.find((p) => sameName(p.name, name));
    if (same) return refuseName(t('ui.people.nameTaken', { name: same.name }));
    setNameInvalid(false);
    if (roles.length === 0) return setError(t('ui.people.roleRequired'));
    try {
      await engine.savePerson(
        { id: `p-${crypto.randomUUID().slice(0, 8)}`, name: name.trim(), roles },
        acting?.id ?? null,
      );
      toast.show(t('ui.people.added', { name: name.trim() }));
      setName('');
      setRoles([]);
      setError('');
      setNameInvalid(false);
    } catch (e) {
      setError(t('ui.error.generic', { detail: (e as Error).message }));
    }
  };
  // Roles just chosen show at once; the stored ones take over once the store has moved on from
  // what they were chosen over. Dropped as soon as the save resolved, they flickered back to the
  // old roles until the stored change arrived.
  const [pending, setPending] = useState<Record<string, { roles: Role[]; over: Role[] }>>({});
  useEffect(() => {
    setPending((known) => {
      const stale = Object.keys(known).filter((id) => {
        const stored = people.find((p) => p.id === id)?.roles;
        return !stored || stored.join() !== known[id]?.over.join();
      });
      if (stale.length === 0) return known;
      const next = { ...known };
      for (const id of stale) delete next[id];
      return next;
    });
  }, [people]);
  const rolesShown = (p: { id: string; roles: Role[] }) => pending[p.id]?.roles ?? p.roles;
  const updateRoles = async (person: { id: string; name: string; roles: Role[] }, next: Role[]) => {
    const { id, name: personName } = person;
    if (next.length === 0) return toast.show(t('ui.people.roleRequired'), 'error', 'people');
    setPending((p) => ({ ...p, [id]: { roles: next, over: person.roles } }));
    try {
      await engine.savePerson({ id, name: personName, roles: next }, acting?.id ?? null);
      toast.show(t('ui.people.updated', { name: personName }), 'success', 'people');
    } catch (e) {
      setPending(({ [id]: _failed, ...rest }) => rest);
      toast.show(t('ui.error.generic', { detail: (e as Error).message }), 'error', 'people');
    }
  };

  return (
    <main className="app-main">
      <div className="page-head">
        <h1>{t('ui.people.title')}</h1>
        <span className="muted">{t('ui.people.hint')}</span>
      </div>
      <TableScroll name={t('ui.people.title')} className="card table-card">
        <table className="table">
          <thead>
            <tr>
              <th>{t('ui.people.name')}</th>
              <th>{t('ui.people.roles')}</th>
            </tr>
          </thead>
          <tbody>
            {people.length === 0 && (
              <tr>
                <td colSpan={2} className="muted">
                  {t('ui.people.empty')}
                </td>
              </tr>
            )}
            {people.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td>
                  <div
                    className="checkbox-row"
                    role="group"
                    aria-label={t('ui.people.rolesOf', { name: p.name })}
                  >
                    {ROLES.map((r) => (
                      <label key={r}>
                        <input
                          type="checkbox"
                          checked={rolesShown(p).includes(r)}
                          onChange={() => void updateRoles(p, toggle(rolesShown(p), r))}
                        />
                        {label('role', r)}
                      </label>
                    ))}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <section
        className="card card-body stack"
        style={{ marginTop: 16, maxWidth: 720 }}
        aria-labelledby="add-person"
      >
        <h2 id="add-person">{t('ui.people.add')}</h2>
        <label className="field">
          <span>{t('ui.people.name')}</span>
          <input
            ref={nameInput}
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={80}
            aria-invalid={nameInvalid}
            aria-describedby={nameInvalid ? 'add-person-error' : undefined}
          />
        </label>
        <fieldset>
          <legend className="small muted">{t('ui.people.roles')}</legend>
          <div className="checkbox-row">
            {ROLES.map((r) => (
              <label key={r}>
                <input
                  type="checkbox"
                  checked={roles.includes(r)}
                  onChange={() => setRoles(toggle(roles, r))}
                />
                {label('role', r)}
              </label>
            ))}
          </div>
        </fieldset>
        {error && (
          <p role="alert" id="add-person-error" className="error-text">
            {error}
          </p>
        )}
        <div className="btn-row">
          <button type="button" className="btn btn-primary" onClick={() => void add()}>
            {t('ui.people.add')}
          </button>
        </div>
      </section>
      <TeamChanges />
    </main>
  );
}

/** How many changes the page lists; the record keeps every one. */
const CHANGES_SHOWN = 50;

/** The team's record, newest first: who added whom, and who changed whose roles, when. */
function TeamChanges() {
  const i18n = useI18n();
  const { t, label } = i18n;
  const { db } = useWorkspace();
  const personName = usePersonName();
  const changes = useLiveQuery(
    () => db.peopleLog.orderBy('seq').reverse().limit(CHANGES_SHOWN).toArray(),
    [db],
  );
  if (!changes || changes.length === 0) return null;
  const roles = (list: readonly string[]) => i18n.list(list.map((r) => label('role', r)));
  const say = (change: PersonChange) => {
    const by = change.by === null ? null : personName(change.by);
    if (change.before === null) {
      const params = { by: by ?? '—', name: change.name, roles: roles(change.after) };
      if (change.via === 'people') return t('ui.people.change.added', params);
      if (change.via === 'sample') return t('ui.people.change.sample', params);
      return t(by === null ? 'ui.people.change.imported' : 'ui.people.change.importedBy', params);
    }
    const gained = change.after.filter((r) => !change.before?.includes(r));
    const lost = change.before.filter((r) => !change.after.includes(r));
    const parts = [
      ...gained.map((r) => t('ui.people.change.gained', { role: label('role', r) })),
      ...lost.map((r) => t('ui.people.change.lost', { role: label('role', r) })),
    ];
    // All the roles after the change too: "added General manager" alone read as a replacement.
    return t('ui.people.change.roles', {
      by: by ?? '—',
      name: change.name,
      changes: parts.join(t('ui.people.change.join')),
      now: roles(change.after),
    });
  };
  return (
    <section
      className="card card-body stack"
      style={{ marginTop: 16, maxWidth: 720 }}
      aria-labelledby="team-changes"
    >
      <h2 id="team-changes">{t('ui.people.changes')}</h2>
      <p className="small muted">{t('ui.people.changesHint')}</p>
      <ol className="team-changes">
        {changes.map((change) => (
          <li key={change.seq}>
            <span className="small muted">{i18n.dateTime(change.at)}</span> {say(change)}
          </li>
        ))}
      </ol>
    </section>
  );
}
