import { useEffect, useState } from 'react';
import { LOCALES, LOCALE_NAMES } from '../i18n';
import { useI18n } from '../i18n/react';
import { useWorkspace } from '../workspace/workspace';
import { useToast } from '../workspace/toasts';
import { TransferPanel } from './transfer-panel';
import { SamplePanel } from './sample-panel';

type Pending = 'reset' | 'empty' | null;

/** Language, the demo workspace, and what the browser gives us for storage. */
export function SettingsPage() {
  const { t, locale, setLocale, number } = useI18n();
  const { db, engine, today } = useWorkspace();
  const toast = useToast();
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [storage, setStorage] = useState<{
    persisted: boolean;
    usage: number;
    quota: number;
  } | null>(null);

  useEffect(() => {
    void (async () => {
      if (!navigator.storage?.estimate) return;
      const persisted = (await navigator.storage.persisted?.()) ?? false;
      const { usage = 0, quota = 0 } = await navigator.storage.estimate();
      setStorage({ persisted, usage, quota });
    })();
  }, []);

  const confirm = async () => {
    setBusy(true);
    try {
      const { clearWorkspace, seedDemoWorkspace } = await import('../engine/demo');
      await clearWorkspace(db);
      engine.forgetAll();
      if (pending === 'reset') await seedDemoWorkspace(db, locale, today);
      else await db.meta.put({ key: 'workspace', value: { kind: 'empty' } });
      toast.show(pending === 'reset' ? t('ui.settings.resetDone') : t('ui.settings.emptyDone'));
    } catch (e) {
      toast.show(t('ui.error.generic', { detail: (e as Error).message }), 'error');
    } finally {
      setBusy(false);
      setPending(null);
    }
  };
  const mb = (bytes: number) => number(Math.round((bytes / 1_048_576) * 10) / 10);

  return (
    <main className="app-main" style={{ maxWidth: 760 }}>
      <div className="page-head">
        <h1>{t('ui.nav.settings')}</h1>
      </div>
      <div className="stack">
        <section className="card card-body stack" aria-labelledby="lang">
          <h2 id="lang">{t('ui.common.language')}</h2>
          <div className="checkbox-row">
            {LOCALES.map((l) => (
              <label key={l}>
                <input
                  type="radio"
                  name="locale"
                  checked={locale === l}
                  onChange={() => setLocale(l)}
                />
                {LOCALE_NAMES[l]}
              </label>
            ))}
          </div>
        </section>
        <section className="card card-body stack" aria-labelledby="data">
          <h2 id="data">{t('ui.settings.data')}</h2>
          <p className="muted">{t('ui.settings.dataHint')}</p>
          {pending ? (
            <div
              className="banner banner-amber stack"
              role="alertdialog"
              aria-labelledby="confirm-text"
              style={{ alignItems: 'stretch' }}
            >
              <span id="confirm-text">
                {pending === 'reset'
                  ? t('ui.settings.confirmReset')
                  : t('ui.settings.confirmEmpty')}
              </span>
              <div className="btn-row">
                <button
                  type="button"
                  className="btn btn-danger"
                  disabled={busy}
                  onClick={() => void confirm()}
                >
                  {pending === 'reset' ? t('ui.settings.yesReset') : t('ui.settings.yesEmpty')}
                </button>
                <button
                  type="button"
                  className="btn"
                  disabled={busy}
                  onClick={() => setPending(null)}
                >
                  {t('ui.action.cancel')}
                </button>
              </div>
            </div>
          ) : (
            <div className="btn-row">
              <button type="button" className="btn" onClick={() => setPending('reset')}>
                {t('ui.settings.reset')}
              </button>
              <button type="button" className="btn" onClick={() => setPending('empty')}>
                {t('ui.settings.startEmpty')}
              </button>
            </div>
          )}
        </section>
        <section className="card card-body stack" aria-labelledby="storage">
          <h2 id="storage">{t('ui.settings.storage')}</h2>
          {storage ? (
            <dl className="kv">
              <dt>{t('ui.settings.persisted')}</dt>
              <dd>{storage.persisted ? t('ui.settings.yes') : t('ui.settings.no')}</dd>
              <dt>{t('ui.settings.usage')}</dt>
              <dd>
                {t('ui.settings.usageValue', {
                  usage: mb(storage.usage),
                  quota: mb(storage.quota),
                })}
              </dd>
            </dl>
          ) : (
            <p className="muted">{t('ui.settings.storageUnknown')}</p>
          )}
        </section>
        <TransferPanel />
        <SamplePanel />
      </div>
    </main>
  );
}
