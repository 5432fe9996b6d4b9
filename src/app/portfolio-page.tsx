import { Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useLiveQuery } from 'dexie-react-hooks';
import { Panel, ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './portfolio-page.css';
import {
  filterRuns,
  HEAT_MODES,
  historyTotals,
  matchesStatus,
  portfolioGraph,
  runHistory,
  runsAtStage,
  STATUS_FILTERS,
  summarizeRun,
  type HeatMode,
  type HeatScale,
  type HistoryTotals,
  type PortfolioFilters,
  type PortfolioGraph,
  type PortfolioNode,
  type RunHistory,
  type RunSummary,
  type StatusFilter,
} from '../board/portfolio-graph';
import { HealthMark } from '../board/health-mark';
import {
  HEAT_COLOURS,
  PortfolioEdgeComponent,
  PortfolioNodeComponent,
  portfolioNodeLabel,
  portfolioNodeSize,
  PortfolioStageCard,
} from '../board/portfolio-node';
import { StageBoard, useMediaQuery } from '../board/stage-board';
import { STAGE_LIST, StageCardList, stageOnBoard } from '../board/stage-list';
import { scrollIntoSight } from '../stages/focus';
import { SCENARIO_IDS, type ScenarioId } from '../domain/scenario-ids';
import { isStageId, stageNumber, type StageId } from '../domain/stages';
import { periodLabel, type IsoDate } from '../domain/time';
import type { StrategyDb } from '../storage/db';
import { readLog } from '../storage/log';
import type { EventRecord, RunRow } from '../storage/records';
import { useI18n, type I18n } from '../i18n/react';
import { usePersonName, useWorkspace } from '../workspace/workspace';
import { takeEarlyRuns } from '../workspace/early-reads';

// Module scope: React Flow re-creates every node when these objects change identity.
const nodeTypes = { portfolioStage: PortfolioNodeComponent };
const edgeTypes = { portfolioLoop: PortfolioEdgeComponent };

/** Windows too narrow for the legend over the board (it hid stages there): it goes under it. */
const LEGEND_UNDER = '(max-width: 700px)';
/** Rows listed at first in the side panel; "Show all" lists the rest. */
const LIST_LIMIT = 100;

// Event logs, read lazily for the heat modes ------------------------------------------------------

/**
 * The event logs of `runIds`: one query per run, all in one read transaction. Measured against one
 * read of the whole log table on 1,000 sample runs (test/bench/portfolio.bench.mjs,
 * `portfolio.event_logs_read_ms`), the per-run queries came out as fast or faster: the answers
 * arrive and are decoded one run at a time, overlapping with the database's work. They also read
 * only the runs asked for, which is what a refresh after a few changes needs.
 */
function readLogs(db: StrategyDb, runIds: readonly string[]) {
  return db.transaction('r', db.log, async () => {
    const lists = await Promise.all(runIds.map((id) => readLog(db, id)));
    return new Map<string, EventRecord[]>(runIds.map((id, i) => [id, lists[i] ?? []]));
  });
}

/**
 * The histories read so far, per database, each with the head of the log it was read from. Kept
 * across visits to the portfolio: coming Back from a run read all 1,000 logs again (4–7 s).
 */
const historyCaches = new WeakMap<StrategyDb, Map<string, { head: string; history: RunHistory }>>();

/**
 * Histories (days in stage, recycles) of every stored run, read from the event logs only while
 * `enabled` (a heat mode needs them). Kept per run with the head of the log they were read at:
 * when runs change (or are replaced under the same id), only those are read again.
 */
function useRunHistories(
  db: StrategyDb,
  rows: readonly RunRow[] | undefined,
  enabled: boolean,
): { histories: ReadonlyMap<string, RunHistory> | null; loading: boolean } {
  const cache = useMemo(() => {
    const known = historyCaches.get(db) ?? new Map<string, { head: string; history: RunHistory }>();
    historyCaches.set(db, known);
    return known;
  }, [db]);
  const [histories, setHistories] = useState<ReadonlyMap<string, RunHistory> | null>(null);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    if (!enabled || !rows) return;
    let cancelled = false;
    const known = cache;
    const stale = rows.filter((r) => known.get(r.id)?.head !== r.headHash).map((r) => r.id);
    const publish = () => {
      const present = new Set(rows.map((r) => r.id));
      for (const id of known.keys()) if (!present.has(id)) known.delete(id);
      setHistories(new Map([...known].map(([id, entry]) => [id, entry.history])));
      setLoading(false);
    };
    if (stale.length === 0) {
      publish();
      return;
    }
    setLoading(true);
    readLogs(db, stale).then(
      (logs) => {
        if (cancelled) return;
        for (const id of stale) {
          const records = logs.get(id) ?? [];
          known.set(id, { head: records.at(-1)?.hash ?? '', history: runHistory(records) });
        }
        publish();
      },
      // The logs could not be read: show what is known rather than wait for ever.
      () => !cancelled && publish(),
    );
    return () => {
      cancelled = true;
    };
  }, [db, rows, enabled, cache]);
  return { histories: enabled ? histories : null, loading: enabled && (loading || !histories) };
}

// The runs, summarised -------------------------------------------------------------------------

interface Summaries {
  runs: RunSummary[];
  /** Runs whose stored facts could not be read. */
  unreadable: number;
}

function summarize(rows: readonly RunRow[], today: IsoDate): Summaries {
  const runs: RunSummary[] = [];
  let unreadable = 0;
  for (const row of rows) {
    const summary = summarizeRun(row, today);
    if (summary) runs.push(summary);
    else unreadable += 1;
  }
  return { runs, unreadable };
}

/**
 * The first read of the mounted page, started while it first renders rather than after its first
 * paint (where the live query's effect would start it): the board paints a round trip sooner.
 * Dropped when the page unmounts, so a later visit reads afresh.
 */
let firstRead: { db: StrategyDb; rows: Promise<RunRow[]> } | null = null;
let mountedPages = 0;

/**
 * The portfolio's runs: the runs table read whole and live. Its rows are light (the snapshots live
 * in their own table) and carry the facts the board draws, so a thousand runs read and summarise
 * in a few tens of milliseconds. Undefined until the first read is back.
 *
 * The wait is state, not Suspense: React 19 holds back the reveal of a suspended boundary until
 * 300 ms after its fallback appeared, which measured as an idle ~60-100 ms before the board's
 * first paint.
 */
function usePortfolioRuns(db: StrategyDb, today: IsoDate) {
  if (firstRead?.db !== db) firstRead = { db, rows: takeEarlyRuns(db) ?? db.runs.toArray() };
  const pending = firstRead.rows;
  const [first, setFirst] = useState<{
    db: StrategyDb;
    rows: RunRow[] | null;
    error?: unknown;
  } | null>(null);
  useEffect(() => {
    let current = true;
    pending.then(
      (rows) => current && setFirst({ db, rows }),
      // Thrown to the page's error boundary (below), so the page never waits for ever.
      (error: unknown) => current && setFirst({ db, rows: null, error }),
    );
    return () => {
      current = false;
    };
  }, [db, pending]);
  // Live from the first read on; started together with it, it would read the table twice.
  const reading = first?.db !== db;
  const live = useLiveQuery<RunRow[] | undefined>(
    () => (reading ? undefined : db.runs.toArray()),
    [db, reading],
  );
  useEffect(() => {
    mountedPages += 1;
    return () => {
      mountedPages -= 1;
      // After StrictMode's unmount-and-mount the page is still there: keep the read then.
      queueMicrotask(() => {
        if (mountedPages === 0) firstRead = null;
      });
    };
  }, []);
  const rows = live ?? (first?.db === db ? (first.rows ?? undefined) : undefined);
  const summaries = useMemo(() => (rows ? summarize(rows, today) : undefined), [rows, today]);
  if (first?.db === db && first.error !== undefined) throw first.error;
  return rows && summaries ? { summaries, rows } : undefined;
}

// URL state --------------------------------------------------------------------------------------

function readFilters(params: URLSearchParams): PortfolioFilters {
  const status = params.get('status');
  return {
    scenario: params.get('scenario') || null,
    period: params.get('period') || null,
    leadId: params.get('lead') || null,
    status: (STATUS_FILTERS as readonly string[]).includes(status ?? '')
      ? (status as StatusFilter)
      : 'open',
  };
}

function readMode(params: URLSearchParams): HeatMode {
  const mode = params.get('mode');
  return (HEAT_MODES as readonly string[]).includes(mode ?? '') ? (mode as HeatMode) : 'counts';
}

// The page ---------------------------------------------------------------------------------------

/**
 * The portfolio: every run of the workspace on one board of the seven stages, like a process
 * monitor. Reads the runs table (live) and summarises each run from the facts its row carries;
 * reads event logs only when a heat mode needs them.
 */
export default function PortfolioPage() {
  const { t } = useI18n();
  const { db, today } = useWorkspace();
  const runs = usePortfolioRuns(db, today);
  const loading = (
    <main className="app-main" aria-busy="true">
      <h1>{t('portfolio.title')}</h1>
      <p className="muted" role="status">
        {t('portfolio.loading')}
      </p>
    </main>
  );
  if (!runs) return loading;
  return (
    <Suspense fallback={loading}>
      <Portfolio summaries={runs.summaries} rows={runs.rows} />
    </Suspense>
  );
}

function Portfolio({ summaries, rows }: { summaries: Summaries; rows: readonly RunRow[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { db, today } = useWorkspace();
  const personName = usePersonName();
  const [urlParams, setParams] = useSearchParams();
  // The router applies URL changes in a transition; controls show the change at once meanwhile.
  const [pending, setPending] = useState<{ from: URLSearchParams; next: URLSearchParams } | null>(
    null,
  );
  const params = pending && pending.from === urlParams ? pending.next : urlParams;

  const filters = readFilters(params);
  const { scenario, period, leadId, status } = filters;
  const mode = readMode(params);
  const stageParam = params.get('stage');
  const selected: StageId | null = isStageId(stageParam) ? stageParam : null;
  const { histories, loading } = useRunHistories(db, rows, mode !== 'counts');

  const update = useCallback(
    (changes: Record<string, string | null>) => {
      const next = new URLSearchParams(params);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null || value === '') next.delete(key);
        else next.set(key, value);
      }
      setPending({ from: urlParams, next });
      setParams(next, { replace: true });
    },
    [params, urlParams, setParams],
  );
  const select = useCallback((stage: StageId | null) => update({ stage }), [update]);
  /** Closes a stage's list, giving focus back to that stage on the board. */
  const closeList = () => {
    const stage = selected;
    select(null);
    requestAnimationFrame(() => (stage ? stageOnBoard(stage)?.focus() : undefined));
  };

  // Everything but the status filter: the status strip shows the mix the status filter picks from.
  const scoped = useMemo(
    () => filterRuns(summaries.runs, { scenario, period, leadId, status: 'all' }),
    [summaries, scenario, period, leadId],
  );
  const shown = useMemo(
    () => scoped.filter((r) => matchesStatus(r.status, status)),
    [scoped, status],
  );
  const totals = useMemo(
    () => (histories ? historyTotals(shown, histories) : null),
    [shown, histories],
  );
  const graph = useMemo(
    () => portfolioGraph(shown, { mode, selected, totals }),
    [shown, mode, selected, totals],
  );

  const periods = useMemo(() => {
    const byStart = new Map<string, string>();
    for (const r of summaries.runs) byStart.set(r.periodStart, r.periodEnd);
    return [...byStart].sort((a, b) => b[0].localeCompare(a[0]));
  }, [summaries]);
  const leads = useMemo(
    () =>
      [...new Set(summaries.runs.map((r) => r.leadId))]
        .map((id) => ({ id, name: personName(id) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [summaries, personName],
  );

  const filtered = scenario !== null || period !== null || leadId !== null || status !== 'open';
  return (
    <main className="app-main full">
      <div className="board-layout pf-layout">
        <div className="board-main">
          <div className="board-head pf-head">
            <div className="stack" style={{ gap: 2, minWidth: 220 }}>
              <h1>{t('portfolio.title')}</h1>
              <span className="small muted">
                {t('portfolio.shown', {
                  shown: i18n.number(shown.length),
                  total: i18n.number(summaries.runs.length),
                })}
              </span>
            </div>
            <StatusStrip runs={scoped} today={today} />
            <span style={{ flex: 1 }} />
            <fieldset className="pf-modes">
              <legend className="sr-only">{t('portfolio.mode.label')}</legend>
              <span className="small muted" aria-hidden="true">
                {t('portfolio.mode.label')}
              </span>
              {HEAT_MODES.map((m) => (
                <label key={m} className={m === mode ? 'active' : undefined}>
                  <input
                    type="radio"
                    name="portfolio-mode"
                    value={m}
                    checked={m === mode}
                    onChange={() => update({ mode: m === 'counts' ? null : m })}
                  />
                  {t(`portfolio.mode.${m}`)}
                </label>
              ))}
            </fieldset>
          </div>
          <div
            className="toolbar pf-filters"
            role="search"
            aria-label={t('portfolio.filters.label')}
          >
            <select
              aria-label={t('portfolio.filters.scenario')}
              value={scenario ?? ''}
              onChange={(e) => update({ scenario: e.target.value })}
            >
              <option value="">{t('portfolio.filters.allScenarios')}</option>
              {SCENARIO_IDS.map((s) => (
                <option key={s} value={s}>
                  {t(`scenario.${s}.name`)}
                </option>
              ))}
            </select>
            <select
              aria-label={t('portfolio.filters.period')}
              value={period ?? ''}
              onChange={(e) => update({ period: e.target.value })}
            >
              <option value="">{t('portfolio.filters.allPeriods')}</option>
              {periods.map(([start, end]) => (
                <option key={start} value={start}>
                  {periodLabel({ start, end })}
                </option>
              ))}
            </select>
            <select
              aria-label={t('portfolio.filters.lead')}
              value={leadId ?? ''}
              onChange={(e) => update({ lead: e.target.value })}
            >
              <option value="">{t('portfolio.filters.allLeads')}</option>
              {leads.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            <select
              aria-label={t('portfolio.filters.status')}
              value={status}
              onChange={(e) =>
                update({ status: e.target.value === 'open' ? null : e.target.value })
              }
            >
              {STATUS_FILTERS.map((s) => (
                <option key={s} value={s}>
                  {t(`portfolio.status.${s}`)}
                </option>
              ))}
            </select>
            {filtered && (
              <button
                type="button"
                className="btn btn-ghost btn-sm"
                onClick={() => update({ scenario: null, period: null, lead: null, status: null })}
              >
                {t('portfolio.filters.clear')}
              </button>
            )}
            {summaries.unreadable > 0 && (
              <span className="small error-text" role="note">
                {t('portfolio.unreadable', { count: i18n.number(summaries.unreadable) })}
              </span>
            )}
          </div>
          {summaries.runs.length === 0 ? (
            <div className="empty stack" style={{ alignItems: 'center' }}>
              <p>{t('portfolio.empty')}</p>
              <Link to="/settings">{t('portfolio.emptyAction')}</Link>
            </div>
          ) : (
            <ReactFlowProvider>
              <PortfolioBoard
                graph={graph}
                loading={loading}
                totals={totals}
                shownRuns={shown.length}
                selected={selected}
                onSelect={select}
              />
            </ReactFlowProvider>
          )}
        </div>
        <aside
          className="board-side pf-side"
          aria-labelledby="pf-side-title"
          onKeyDown={(event) => {
            // Escape closes the list, as on a run's board.
            if (event.key !== 'Escape' || event.defaultPrevented || !selected) return;
            event.preventDefault();
            closeList();
          }}
        >
          {selected ? (
            <StageRuns
              key={selected}
              stage={selected}
              runs={runsAtStage(shown, selected)}
              onClose={closeList}
            />
          ) : (
            <Attention runs={shown} />
          )}
        </aside>
      </div>
    </main>
  );
}

/** How many runs (in scope of the other filters) are in each status, and how many need attention. */
function StatusStrip({ runs, today }: { runs: readonly RunSummary[]; today: IsoDate }) {
  const { t, number, label, date } = useI18n();
  const counts = { active: 0, onHold: 0, completed: 0, cancelled: 0, overdue: 0, red: 0 };
  for (const r of runs) {
    counts[r.status] += 1;
    if (r.overdue) counts.overdue += 1;
    if (r.health === 'red') counts.red += 1;
  }
  const items: [string, number, string][] = [
    [label('runStatus', 'active'), counts.active, 'blue'],
    [label('runStatus', 'onHold'), counts.onHold, 'amber'],
    [label('runStatus', 'completed'), counts.completed, 'green'],
    [label('runStatus', 'cancelled'), counts.cancelled, 'grey'],
    [t('portfolio.stats.overdue'), counts.overdue, 'red'],
    [t('portfolio.stats.red'), counts.red, 'red'],
  ];
  return (
    <dl className="pf-stats" aria-label={t('portfolio.stats.label', { date: date(today) })}>
      {items.map(([name, value, tone]) => (
        <div key={name} className={`pf-stat pf-stat-${tone}`}>
          <dt>{name}</dt>
          <dd>{number(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

interface BoardProps {
  graph: PortfolioGraph;
  loading: boolean;
  totals: HistoryTotals | null;
  shownRuns: number;
  /** The stage whose runs are listed: kept in view, readable, on a board too small for all. */
  selected: StageId | null;
  onSelect(stage: StageId): void;
}

function PortfolioBoard({ graph, loading, totals, shownRuns, selected, onSelect }: BoardProps) {
  const i18n = useI18n();
  const nodes: PortfolioNode[] = useMemo(
    () =>
      graph.nodes.map((node) => {
        // Sizes known up front: React Flow shows a node only once it knows its size.
        const size = portfolioNodeSize(node.data);
        return {
          ...node,
          initialWidth: size.width,
          initialHeight: size.height,
          ariaLabel: portfolioNodeLabel(i18n, node.data),
        };
      }),
    [graph.nodes, i18n],
  );
  const legendUnder = useMediaQuery(LEGEND_UNDER);
  const list = useMediaQuery(STAGE_LIST);
  const legend = (
    <Legend scale={graph.scale} loading={loading} totals={totals} shownRuns={shownRuns} />
  );
  if (list) {
    return (
      <>
        <StageList graph={graph} loading={loading} selected={selected} onSelect={onSelect} />
        <div className="pf-legend-under">{legend}</div>
      </>
    );
  }
  return (
    <>
      <StageBoard
        nodes={nodes}
        edges={graph.edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onStage={onSelect}
        label={i18n.t('portfolio.board')}
        busy={loading}
        className="board-canvas pf-canvas"
        padding={0.1}
        controlsPosition="bottom-right"
        focus={selected}
      >
        {!legendUnder && <Panel position="bottom-left">{legend}</Panel>}
      </StageBoard>
      {legendUnder && <div className="pf-legend-under">{legend}</div>}
    </>
  );
}

/** The board as a phone shows it: the seven stages' cards in a list, the loops taken in words. */
function StageList({
  graph,
  loading,
  selected,
  onSelect,
}: Pick<BoardProps, 'graph' | 'loading' | 'selected' | 'onSelect'>) {
  const i18n = useI18n();
  const { t } = i18n;
  const loops = graph.edges.flatMap((edge) => {
    const data = edge.data;
    if (!data || data.kind === 'forward' || !isStageId(edge.source) || !isStageId(edge.target)) {
      return [];
    }
    const count = i18n.number(data.count);
    return [
      data.kind === 'replan'
        ? t('portfolio.edge.replan', { count })
        : t('portfolio.edge.recycle', {
            count,
            from: stageNumber(edge.source),
            to: stageNumber(edge.target),
          }),
    ];
  });
  return (
    <StageCardList
      label={t('portfolio.board')}
      busy={loading}
      items={graph.nodes.map((node) => ({
        stage: node.data.stage,
        label: portfolioNodeLabel(i18n, node.data),
        pressed: selected === node.data.stage,
        card: <PortfolioStageCard data={node.data} />,
      }))}
      loopsLabel={t('portfolio.loops')}
      loops={loops}
      onSelect={onSelect}
    />
  );
}

/** "1–54", "7", or for days "≤ 3.8". */
function bandText(i18n: I18n, mode: HeatMode, band: { from: number; to: number }): string {
  if (mode === 'days') {
    return i18n.t('portfolio.legend.upTo', { value: i18n.number(Math.round(band.to * 10) / 10) });
  }
  if (band.from === band.to) return i18n.number(band.from);
  return i18n.t('portfolio.legend.range', {
    from: i18n.number(band.from),
    to: i18n.number(band.to),
  });
}

/** What the colours and marks mean, with the rule behind the current mode. */
function Legend({
  scale,
  loading,
  totals,
  shownRuns,
}: {
  scale: HeatScale;
  loading: boolean;
  totals: HistoryTotals | null;
  shownRuns: number;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const colours = HEAT_COLOURS[scale.mode];
  return (
    <section className="pf-legend" aria-labelledby="pf-legend-title">
      <h2 id="pf-legend-title">{t(`portfolio.legend.${scale.mode}`)}</h2>
      {loading ? (
        <p className="small muted" role="status">
          {t('portfolio.legend.loading')}
        </p>
      ) : (
        <>
          <ol className="pf-scale">
            <li>
              <span className="pf-swatch" style={{ background: colours[0] }} />
              {i18n.number(0)}
            </li>
            {scale.bands.map((band) => (
              <li key={band.level}>
                <span className="pf-swatch" style={{ background: colours[band.level] }} />
                {bandText(i18n, scale.mode, band)}
              </li>
            ))}
          </ol>
          <p className="small muted pf-rule">
            {t(`portfolio.legend.rule.${scale.mode}`)}
            {totals && scale.mode !== 'counts'
              ? ` ${t('portfolio.legend.basis', {
                  runs: i18n.number(totals.runs),
                  shown: i18n.number(shownRuns),
                })}`
              : ''}
          </p>
        </>
      )}
      <ul className="pf-key small">
        {(['green', 'amber', 'red', 'none'] as const).map((kind) => (
          <li key={kind}>
            <span className={`pf-key-bar pf-seg-${kind}`} aria-hidden="true" />
            <HealthMark kind={kind} />
            {t(`portfolio.health.${kind}`)}
          </li>
        ))}
      </ul>
      <p className="small muted pf-rule">
        <span className="badge badge-red pf-inline-badge">
          {t('portfolio.legend.overdueBadge')}
        </span>{' '}
        {t('portfolio.legend.overdueRule')}
      </p>
    </section>
  );
}

/** The runs standing at a stage, most urgent first, each linking to its board. */
function StageRuns({
  stage,
  runs,
  onClose,
}: {
  stage: StageId;
  runs: RunSummary[];
  onClose(): void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [all, setAll] = useState(false);
  // On a phone the list opens below the board, out of sight.
  const head = useRef<HTMLHeadingElement>(null);
  useEffect(() => scrollIntoSight(head.current), []);
  const heading = t('portfolio.list.heading', {
    number: stageNumber(stage),
    stage: i18n.stage(stage),
  });
  return (
    <>
      <div className="board-side-head">
        <div className="stack" style={{ gap: 0, flex: 1 }}>
          <h2 id="pf-side-title" ref={head}>
            {heading}
          </h2>
          <span className="small muted">
            {t(runs.length === 1 ? 'portfolio.node.runsOne' : 'portfolio.node.runs', {
              count: i18n.number(runs.length),
            })}
          </span>
        </div>
        <button
          type="button"
          className="btn btn-ghost btn-sm"
          aria-label={t('portfolio.list.close')}
          onClick={onClose}
        >
          ×
        </button>
      </div>
      <div className="board-side-body">
        {runs.length === 0 ? (
          <p className="muted">{t('portfolio.list.empty')}</p>
        ) : (
          <RunTable runs={all ? runs : runs.slice(0, LIST_LIMIT)} caption={heading} />
        )}
        {!all && runs.length > LIST_LIMIT && (
          <button type="button" className="btn btn-sm" onClick={() => setAll(true)}>
            {t('portfolio.list.showAll', { count: i18n.number(runs.length) })}
          </button>
        )}
      </div>
    </>
  );
}

/** With no stage chosen: the runs that need attention (overdue or red), wherever they stand. */
function Attention({ runs }: { runs: readonly RunSummary[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const urgent = useMemo(
    () =>
      runs
        .filter((r) => r.overdue || r.health === 'red')
        .sort(
          (a, b) =>
            Number(b.health === 'red') - Number(a.health === 'red') ||
            Number(b.overdue) - Number(a.overdue) ||
            a.periodStart.localeCompare(b.periodStart) ||
            a.title.localeCompare(b.title),
        ),
    [runs],
  );
  return (
    <>
      <div className="board-side-head">
        <div className="stack" style={{ gap: 0, flex: 1 }}>
          <h2 id="pf-side-title">{t('portfolio.attention.title')}</h2>
          <span className="small muted">{t('portfolio.attention.hint')}</span>
        </div>
      </div>
      <div className="board-side-body">
        {urgent.length === 0 ? (
          <p className="muted">{t('portfolio.attention.none')}</p>
        ) : (
          <RunTable
            runs={urgent.slice(0, LIST_LIMIT)}
            caption={t('portfolio.attention.title')}
            showStage
          />
        )}
        {urgent.length > LIST_LIMIT && (
          <p className="small muted">
            {t('portfolio.attention.more', { count: i18n.number(urgent.length - LIST_LIMIT) })}
          </p>
        )}
      </div>
    </>
  );
}

const HEALTH_BADGE = { green: 'badge-green', amber: 'badge-amber', red: 'badge-red' } as const;

function RunTable({
  runs,
  caption,
  showStage = false,
}: {
  runs: readonly RunSummary[];
  caption: string;
  showStage?: boolean;
}) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const personName = usePersonName();
  return (
    <table className="table pf-table">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('portfolio.list.run')}</th>
          <th scope="col">{t('portfolio.list.state')}</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.id}>
            <td>
              <Link to={`/runs/${encodeURIComponent(r.id)}`}>{r.title}</Link>
              <div className="small muted">
                {[
                  showStage ? `${stageNumber(r.stage)}. ${i18n.stage(r.stage)}` : null,
                  t(`scenario.${r.scenario as ScenarioId}.name`),
                  periodLabel({ start: r.periodStart, end: r.periodEnd }),
                  personName(r.leadId),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </div>
            </td>
            <td>
              <div className="pf-badges">
                {r.health && (
                  <span className={`badge ${HEALTH_BADGE[r.health]}`}>
                    <span className="dot" />
                    {label('health', r.health)}
                  </span>
                )}
                {r.overdue && (
                  <span className="badge badge-red">{t('portfolio.list.overdue')}</span>
                )}
                {r.status !== 'active' && (
                  <span
                    className={`badge ${r.status === 'onHold' ? 'badge-amber' : r.status === 'completed' ? 'badge-green' : ''}`}
                  >
                    {label('runStatus', r.status)}
                  </span>
                )}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
