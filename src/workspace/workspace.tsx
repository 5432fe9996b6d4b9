import {
  createContext,
  Suspense,
  useRef,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Person, Role } from '../domain/people';
import { type Clock, systemClock, localDateOf, type IsoDate } from '../domain/time';
import { StrategyDb } from '../storage/db';
import { discardEarlyReads, workspaceOpened } from './early-reads';
import { askToKeepData } from './persistence';
import type { RunEngine } from '../engine/engine';
import type * as EngineModule from '../engine/engine';
import type { ContentLocale } from '../domain/scenario-ids';

/** The one database and engine of this browser profile, and who is acting. */
export interface Workspace {
  db: StrategyDb;
  /**
   * WARNING: read it during render only inside a <Suspense> boundary: the engine (XState, the
   * machine, the gate rules) is loaded on first use, so the runs list does not wait for it.
   */
  readonly engine: RunEngine;
  clock: Clock;
  /** Today's date from the injected clock. */
  today: IsoDate;
  people: Person[];
  acting: Person | null;
  setActing(personId: string): void;
}

const WorkspaceContext = createContext<Workspace | null>(null);

let engineModule: typeof EngineModule | null = null;
let engineLoading: Promise<void> | null = null;
function loadEngineModule(): Promise<void> {
  engineLoading ??= import('../engine/engine').then((module) => {
    engineModule = module;
  });
  return engineLoading;
}

export interface WorkspaceMessages {
  outdated: string;
  reload: string;
  cannotOpen: string;
}
const DEFAULT_MESSAGES: WorkspaceMessages = {
  outdated:
    'A newer version of Strategy Board was opened in another tab. Reload this tab to continue.',
  reload: 'Reload',
  cannotOpen:
    'The local database could not be opened: {detail}. Close other tabs of this app and reload.',
};
export const ACTING_STORAGE_KEY = 'strategy-board.acting';

/** People are listed by name: Chinese names by pinyin, others alphabetically (not by hidden ids). */
const BY_NAME = new Intl.Collator('zh-CN', { sensitivity: 'base' });

/**
 * Opens the browser's database; on the very first open, fills it with the demo workspace in the
 * person's language so the app starts alive. "Start empty" in Settings records its choice in
 * the meta table, so an emptied workspace is not refilled.
 */
export function WorkspaceProvider({
  children,
  locale,
  clock = systemClock,
  db: givenDb,
  messages = DEFAULT_MESSAGES,
}: {
  children: ReactNode;
  locale: ContentLocale;
  clock?: Clock;
  db?: StrategyDb;
  /** Texts shown before the workspace is ready, already translated by the shell. */
  messages?: WorkspaceMessages;
}) {
  const [db] = useState(() => givenDb ?? new StrategyDb());
  const engineRef = useRef<RunEngine | null>(null);
  const opening = useRef<Promise<void> | null>(null);
  const [ready, setReady] = useState<'opening' | 'ready' | 'outdated' | Error>('opening');
  const today = localDateOf(clock.now());

  useEffect(() => {
    let cancelled = false;
    // A newer version of the app opened the database elsewhere: let it upgrade instead of
    // blocking it, and ask this tab to reload.
    // The database closes itself then (StrategyDb.outdated), also before this effect runs.
    const onVersionChange = () => {
      if (!cancelled) setReady('outdated');
    };
    db.on('versionchange', onVersionChange);
    if (db.outdated) {
      setReady('outdated');
      return () => {
        cancelled = true;
        db.on('versionchange').unsubscribe(onVersionChange);
      };
    }
    // Effects can run again for the same provider (React re-runs them when a suspended tree is
    // shown again): the opening, demo seeding included, must happen once per database.
    opening.current ??= (async () => {
      // Ask once for storage the browser will not evict under pressure; Settings shows the answer.
      void navigator.storage?.persist?.().catch(() => false);
      const meta = await db.meta.get('workspace');
      if (!meta && (await db.runs.count()) === 0 && (await db.people.count()) === 0) {
        // The demo content is only needed once per browser: load it on demand.
        const { seedDemoWorkspace } = await import('../engine/demo');
        try {
          await seedDemoWorkspace(db, locale, today);
        } catch (error) {
          // Another tab opened at the same moment and seeded first: its workspace is ours too.
          if ((await db.meta.get('workspace')) === undefined && (await db.runs.count()) === 0)
            throw error;
        }
      }
    })();
    opening.current.then(
      () => {
        workspaceOpened(db);
        if (!cancelled) setReady('ready');
      },
      (error: unknown) => {
        if (!cancelled) setReady(error instanceof Error ? error : new Error(String(error)));
      },
    );
    return () => {
      cancelled = true;
      db.on('versionchange').unsubscribe(onVersionChange);
    };
    // Seeding happens once per database, in the language of the first open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db]);

  // The engine's code is not needed to show the runs list: fetch it right after the workspace is
  // open, so it is there before anyone acts, and readers rarely have to wait for it.
  useEffect(() => {
    if (ready !== 'ready') return;
    // When the browser is idle after the first screen has painted. Idle alone is too early: the
    // main thread is idle while the first page's own code and data are still arriving, and the
    // engine's code then competes with them (measured: the portfolio painted ~100 ms later).
    const idle = window.requestIdleCallback ?? ((fn: () => void) => window.setTimeout(fn, 200));
    const timer = window.setTimeout(
      () =>
        idle(() => {
          // Then rows an earlier version wrote get the facts lists now read ("waiting for you").
          void loadEngineModule()
            .then(() => engineModule?.refreshStaleFacts(db))
            .catch(() => undefined);
          // And the browser is asked to keep the data rather than clear it when space runs low.
          void askToKeepData();
        }),
      1500,
    );
    return () => window.clearTimeout(timer);
  }, [ready, db]);

  const rows = useLiveQuery(() => db.people.orderBy('id').toArray(), [db]);
  const showsPages = ready === 'ready' && rows !== undefined;
  useEffect(() => {
    if (showsPages) discardEarlyReads(db);
  }, [db, showsPages]);
  const people = useMemo(
    () =>
      (rows ?? [])
        .map((p) => ({ id: p.id, name: p.name, roles: p.roles as Role[] }))
        .sort((a, b) => BY_NAME.compare(a.name, b.name) || (a.id < b.id ? -1 : 1)),
    [rows],
  );
  const [actingId, setActingId] = useState<string | null>(() => {
    try {
      return localStorage.getItem(ACTING_STORAGE_KEY);
    } catch {
      return null;
    }
  });
  const setActing = useCallback((id: string) => {
    setActingId(id);
    try {
      localStorage.setItem(ACTING_STORAGE_KEY, id);
    } catch {
      // Not remembered across reloads; still applies now.
    }
  }, []);
  const acting =
    people.find((p) => p.id === actingId) ??
    people.find((p) => p.roles.includes('lead')) ??
    people[0] ??
    null;

  const value = useMemo(
    () => ({
      db,
      clock,
      today,
      people,
      acting,
      setActing,
      get engine(): RunEngine {
        if (!engineRef.current) {
          // Suspends the reader until the engine's code has arrived; then there is one engine.
          if (!engineModule) throw loadEngineModule();
          engineRef.current = new engineModule.RunEngine(db, { clock });
        }
        return engineRef.current;
      },
    }),
    [db, clock, today, people, acting, setActing],
  );
  if (ready === 'outdated') {
    return (
      <div role="alert" className="empty stack" style={{ alignItems: 'center' }}>
        <p>{messages.outdated}</p>
        <button type="button" className="btn btn-primary" onClick={() => location.reload()}>
          {messages.reload}
        </button>
      </div>
    );
  }
  if (ready instanceof Error) {
    return (
      <div role="alert" className="empty">
        {messages.cannotOpen.replace('{detail}', ready.message)}
      </div>
    );
  }
  if (ready === 'opening' || rows === undefined) return <div className="empty" aria-busy="true" />;
  return (
    <WorkspaceContext.Provider value={value}>
      {/* Anything that waits for the engine's code waits here, never above the workspace. */}
      <Suspense fallback={<div className="empty" aria-busy="true" />}>{children}</Suspense>
    </WorkspaceContext.Provider>
  );
}

export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace must be used inside <WorkspaceProvider>');
  return workspace;
}

/** A person's display name, or their id when they are not in the people table (imported runs). */
export function usePersonName(): (id: string | null | undefined) => string {
  const { people } = useWorkspace();
  return useCallback((id) => (id ? (people.find((p) => p.id === id)?.name ?? id) : '—'), [people]);
}
