import { useState } from 'react';
import { ROLES, type Role } from '../domain/people';
import { useI18n } from '../i18n/react';
import { useWorkspace } from '../workspace/workspace';
import { useToast } from '../workspace/toasts';
import { TableScroll } from './page-parts';

/** Two names people would take for the same person: case, width and spacing aside. */
const sameName = (a: string, b: string) => {
  const plain = (name: string) => name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
  return plain(a) === plain(b);
};

/** The team: who can lead, approve at which gates, and report progress. */
export function PeoplePage() {
  const { t, label } = useI18n();
  const { people, engine } = useWorkspace();
  const toast = useToast();
  const [name, setName] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [error, setError] = useState('');

  const toggle = (list: Role[], role: Role) =>
    list.includes(role) ? list.filter((r) => r !== role) : [...list, role];
  const add = async () => {
    if (!name.trim()) return setError(t('ui.people.nameRequired'));
    if (roles.length === 0) return setError(t('ui.people.roleRequired'));
    const same = people.find((p) => sameName(p.name, name));
    if (same) return setError(t('ui.people.nameTaken', { name: same.name }));
    try {
      await engine.savePerson({
        id: `p-${crypto.randomUUID().slice(0, 8)}`,
        name: name.trim(),
        roles,
      });
      toast.show(t('ui.people.added', { name: name.trim() }));
      setName('');
      setRoles([]);
      setError('');
    } catch (e) {
      setError(t('ui.error.generic', { detail: (e as Error).message }));
    }
  };
  // Roles just chosen show at once; the stored ones take over when the save has gone through.
  const [pending, setPending] = useState<Record<string, Role[]>>({});
  const updateRoles = async (id: string, personName: string, next: Role[]) => {
    if (next.length === 0) return toast.show(t('ui.people.roleRequired'), 'error');
    setPending((p) => ({ ...p, [id]: next }));
    try {
      await engine.savePerson({ id, name: personName, roles: next });
      toast.show(t('ui.people.updated', { name: personName }));
    } catch (e) {
      toast.show(t('ui.error.generic', { detail: (e as Error).message }), 'error');
    } finally {
      setPending(({ [id]: _done, ...rest }) => rest);
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
                          checked={(pending[p.id] ?? p.roles).includes(r)}
                          onChange={() =>
                            void updateRoles(p.id, p.name, toggle(pending[p.id] ?? p.roles, r))
                          }
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
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={80} />
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
          <p role="alert" className="error-text">
            {error}
          </p>
        )}
        <div className="btn-row">
          <button type="button" className="btn btn-primary" onClick={() => void add()}>
            {t('ui.people.add')}
          </button>
        </div>
      </section>
    </main>
  );
}
