import { useEffect, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { askToKeepData, readStorageState, type StorageState } from '../workspace/persistence';
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
  const [pending, setPendingState] = useState<Pending>(null);
  // The confirmation takes focus (on Cancel, the safe choice) and gives it back when it closes.
  const cancelButton = useRef<HTMLButtonElement>(null);
  const openers = useRef<Record<'reset' | 'empty', HTMLButtonElement | null>>({
    reset: null,
    empty: null,
  });
  const returnFocus = useRef<'reset' | 'empty' | null>(null);
  const setPending = (next: Pending) => {
    if (next === null) returnFocus.current = pending;
    setPendingState(next);
  };
  useEffect(() => {
    if (pending) cancelButton.current?.focus();
    else if (returnFocus.current) {
      openers.current[returnFocus.current]?.focus();
      returnFocus.current = null;
    }
  }, [pending]);
  const [busy, setBusy] = useState(false);
  const [storage, setStorage] = useState<StorageState | null>(null);
  // Read again whenever runs come or go (an import, a sample portfolio, a reset).
  const runCount = useLiveQuery(() => db.runs.count(), [db]);
  useEffect(() => {
    let current = true;
    void readStorageState().then((state) => {
      if (current) setStorage(state);
    });
    return () => {
      current = false;
    };
  }, [runCount]);
  const [asked, setAsked] = useState(false);
  const askAgain = async () => {
    const kept = await askToKeepData();
    setAsked(true);
    setStorage(await readStorageState());
    // A refusal is the browser's choice, not a failure: said once, then it goes like any news.
    toast.show(
      t(kept ? 'ui.settings.keptNow' : 'ui.settings.keepRefused'),
      kept ? 'success' : 'info',
      'persist',
    );
  };

  const confirm = async () => {
    setBusy(true);
    try {
      const { replaceWorkspace } = await import('../engine/demo');
      await replaceWorkspace(
        db,
        pending === 'reset' ? { kind: 'demo', locale, today } : { kind: 'empty' },
      );
      engine.forgetAll();
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
                {/* Each language's name is read in that language. */}
                <span lang={l}>{LOCALE_NAMES[l]}</span>
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
              onKeyDown={(e) => {
                if (e.key === 'Escape' && !busy) setPending(null);
              }}
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
                  ref={cancelButton}
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
              <button
                ref={(el) => {
                  openers.current.reset = el;
                }}
                type="button"
                className="btn"
                onClick={() => setPending('reset')}
              >
                {t('ui.settings.reset')}
              </button>
              <button
                ref={(el) => {
                  openers.current.empty = el;
                }}
                type="button"
                className="btn"
                onClick={() => setPending('empty')}
              >
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
              <dd>
                {storage.persisted ? (
                  t('ui.settings.yes')
                ) : (
                  <span className="stack" style={{ gap: 6, alignItems: 'flex-start' }}>
                    <span>{t('ui.settings.notKept')}</span>
                    <button type="button" className="btn" onClick={() => void askAgain()}>
                      {t(asked ? 'ui.settings.askAgain' : 'ui.settings.ask')}
                    </button>
                  </span>
                )}
              </dd>
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
