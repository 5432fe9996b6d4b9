import { lazy, Suspense, useEffect, useRef, useState, type ComponentType } from 'react';
import { BrowserRouter, NavLink, Route, Routes, Link, matchPath, useLocation } from 'react-router';
import { useLiveQuery } from 'dexie-react-hooks';
import { I18nProvider, useI18n } from '../i18n/react';
import { LOCALES, LOCALE_NAMES } from '../i18n';
import { WorkspaceProvider, useWorkspace } from '../workspace/workspace';
import { readRunsEarly } from '../workspace/early-reads';
import type { StrategyDb } from '../storage/db';
import { ToastProvider } from '../workspace/toasts';
import { focusPageHeading } from '../workspace/page-focus';
import { RunsPage } from './runs-page';
import { testClock } from './test-clock';
import { Missing } from './page-parts';
import { PageErrorBoundary } from './page-error';

/**
 * A page whose code is fetched on first use, like React.lazy, but rendered at once when the code
 * is already here: lazy() suspends on its first render even then, and React 19 holds back the
 * reveal after a fallback for up to 300 ms (measured: the portfolio painted ~60-100 ms later).
 */
function lazyPage<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  let loaded: ComponentType<P> | null = null;
  const fetchCode = () =>
    load().then((module) => {
      loaded = module.default;
      return module;
    });
  const Lazy = lazy(fetchCode);
  function Page(props: P) {
    // Chosen once per mount: switching from Lazy to the loaded page would remount it.
    const [Loaded] = useState(() => loaded);
    return Loaded ? <Loaded {...props} /> : <Lazy {...props} />;
  }
  // A failed preload is not reported here: the page's own load (lazy) retries and reports it.
  return { Page, preload: () => void fetchCode().catch(() => undefined) };
}

// The board pulls in React Flow; the runs list does not wait for it.
const { Page: RunPage, preload: preloadRunPage } = lazyPage(() => import('./run-page'));
const { Page: PortfolioPage, preload: preloadPortfolioPage } = lazyPage(
  () => import('./portfolio-page'),
);
const ReportPage = lazy(() => import('./report-page'));
const LineagePage = lazy(() => import('./lineage-page'));

/**
 * A page opened directly (a link, a reload) fetches its code while the workspace opens, instead
 * of after, and is then rendered without waiting; the portfolio's runs are read meanwhile too.
 */
export function preloadPage(db: StrategyDb, path: string): void {
  if (path === '/portfolio') {
    preloadPortfolioPage();
    readRunsEarly(db);
  } else if (/^\/runs\/[^/]+$/.test(path)) preloadRunPage();
}
const PeoplePage = lazy(() => import('./people-page').then((m) => ({ default: m.PeoplePage })));
const SettingsPage = lazy(() =>
  import('./settings-page').then((m) => ({ default: m.SettingsPage })),
);

/** The app on the browser's database `db` (opened by main.tsx before the first render). */
export function App({ db }: { db: StrategyDb }) {
  return (
    <I18nProvider>
      <Shell db={db} />
    </I18nProvider>
  );
}

function Shell({ db }: { db: StrategyDb }) {
  const i18n = useI18n();
  useEffect(() => {
    document.documentElement.lang = i18n.locale;
  }, [i18n]);
  return (
    <ToastProvider closeLabel={i18n.t('ui.action.dismiss')} regionLabel={i18n.t('ui.toast.region')}>
      <WorkspaceProvider
        db={db}
        locale={i18n.locale}
        clock={testClock()}
        messages={{
          outdated: i18n.t('ui.workspace.outdated'),
          reload: i18n.t('ui.workspace.reload'),
          cannotOpen: i18n.t('ui.workspace.cannotOpen'),
        }}
      >
        <BrowserRouter>
          <div className="app">
            <PageTitle />
            <Header />
            <Pages />
          </div>
        </BrowserRouter>
      </WorkspaceProvider>
    </ToastProvider>
  );
}

/**
 * After a move to another page, focus goes to the new page's heading once it shows, so a screen
 * reader says where the person is and the keyboard starts from there. Only when focus was lost
 * with the old page (the link followed is gone): never taken from where the person put it, and
 * never on the first page.
 */
function useFocusOnPageChange(pathname: string) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    let tries = 0;
    const lost = () => document.activeElement === null || document.activeElement === document.body;
    // The page may wait for its code or its data: look for its heading for a few seconds.
    const timer = window.setInterval(() => {
      tries += 1;
      if (!lost() || focusPageHeading() || tries > 60) window.clearInterval(timer);
    }, 50);
    return () => window.clearInterval(timer);
  }, [pathname]);
}

function Pages() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  useFocusOnPageChange(pathname);
  return (
    <PageErrorBoundary
      resetKey={pathname}
      message={(detail) => t('ui.workspace.pageFailed', { detail })}
      reload={t('ui.workspace.reload')}
    >
      <Suspense fallback={<main className="app-main" aria-busy="true" />}>
        <Routes>
          <Route path="/" element={<RunsPage />} />
          <Route path="/runs/:runId" element={<RunPage />} />
          <Route path="/runs/:runId/report" element={<ReportPage />} />
          <Route path="/runs/:runId/lineage" element={<LineagePage />} />
          <Route path="/portfolio" element={<PortfolioPage />} />
          <Route path="/people" element={<PeoplePage />} />
          <Route path="/settings" element={<SettingsPage />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </PageErrorBoundary>
  );
}

/**
 * Each page's own tab title, in the person's language: "Runs · Strategy Board", a run's title
 * on its board. The report and the lineage name their run once it is read (their own
 * useDocumentTitle, set after this one); meanwhile, and for a run not found, the page's kind.
 */
function PageTitle() {
  const { t } = useI18n();
  const { db } = useWorkspace();
  const { pathname } = useLocation();
  const run = matchPath('/runs/:runId', pathname);
  const runId = run?.params.runId ?? null;
  const runTitle = useLiveQuery(
    async () => (runId === null ? null : ((await db.runs.get(runId))?.title ?? null)),
    [db, runId],
  );
  let page: string | null;
  if (pathname === '/') page = t('ui.nav.runs');
  else if (run) page = runTitle ?? null;
  else if (matchPath('/runs/:runId/report', pathname)) page = t('report.title');
  else if (matchPath('/runs/:runId/lineage', pathname)) page = t('lineage.title');
  else if (pathname === '/portfolio') page = t('portfolio.title');
  else if (pathname === '/people') page = t('ui.nav.people');
  else if (pathname === '/settings') page = t('ui.nav.settings');
  else page = t('ui.notFound.title');
  const title = page ? `${page} · ${t('app.name')}` : t('app.name');
  useEffect(() => {
    document.title = title;
  }, [title]);
  return null;
}

function Header() {
  const { t, locale, setLocale, label } = useI18n();
  const { people, acting, setActing } = useWorkspace();
  return (
    <header className="app-header">
      <Link to="/" className="brand">
        <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
          <rect width="32" height="32" rx="7" fill="currentColor" />
          <path d="M8 22h4v-6H8zm6 0h4V10h-4zm6 0h4v-9h-4z" fill="#fff" />
        </svg>
        <span className="brand-name">{t('app.name')}</span>
      </Link>
      <nav className="app-nav" aria-label={t('ui.nav.main')}>
        <NavLink to="/" end>
          {t('ui.nav.runs')}
        </NavLink>
        <NavLink to="/portfolio">{t('portfolio.title')}</NavLink>
        <NavLink to="/people">{t('ui.nav.people')}</NavLink>
        <NavLink to="/settings">{t('ui.nav.settings')}</NavLink>
      </nav>
      <div className="header-tools">
        <label className="header-acting">
          {t('ui.common.actingAs')}
          <select value={acting?.id ?? ''} onChange={(e) => setActing(e.target.value)}>
            {people.length === 0 && <option value="">{t('ui.people.nobody')}</option>}
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {`${p.name} · ${p.roles.map((r) => label('role', r)).join(', ')}`}
              </option>
            ))}
          </select>
        </label>
        {/* Buttons, not a select: a select switched the whole page's language at every arrow key
            passing over an option (WCAG 3.2.2); a button changes it only when pressed. */}
        <div className="header-language" role="group" aria-labelledby="header-language-label">
          <span id="header-language-label" className="header-language-label">
            {t('ui.common.language')}
          </span>
          <span className="lang-switch">
            {LOCALES.map((l) => (
              // Each language's name in that language, read out in it.
              <button
                key={l}
                type="button"
                lang={l}
                className="lang-option"
                aria-pressed={locale === l}
                onClick={() => setLocale(l)}
              >
                {LOCALE_NAMES[l]}
              </button>
            ))}
          </span>
        </div>
      </div>
    </header>
  );
}

function NotFound() {
  const { t } = useI18n();
  return <Missing message={t('ui.notFound.text')} back={t('ui.notFound.back')} />;
}
