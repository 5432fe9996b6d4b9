import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { SampleProgress } from '../engine/sample-portfolio';
import { useI18n } from '../i18n/react';
import { focusedElement, returnFocus } from '../stages/focus';
import { useToast } from '../workspace/toasts';
import { useWorkspace } from '../workspace/workspace';

// The generator (and the demo content it builds on) loads only when someone generates: these two
// mirror DEFAULT_SAMPLE_SIZE and MAX_SAMPLE_SIZE in src/engine/sample-portfolio.ts, which checks
// the size again.
const DEFAULT_SIZE = 1000;
const MAX_SIZE = 10_000;

type Job =
  | { kind: 'idle' }
  | { kind: 'running'; controller: AbortController; progress: SampleProgress }
  | { kind: 'finished'; runs: number };

/**
 * Settings → Sample portfolio: generates a seeded portfolio of any size (1,000 runs by default)
 * with full histories, written in chunks of whole runs, with progress and Cancel. The page stays
 * responsive: the generator yields between slices of work.
 */
export function SamplePanel() {
  const { t, locale, number } = useI18n();
  const { db, clock, engine } = useWorkspace();
  const toast = useToast();
  const ids = useId();
  const [size, setSize] = useState(String(DEFAULT_SIZE));
  const [job, setJob] = useState<Job>({ kind: 'idle' });
  const [invalid, setInvalid] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const generateButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);

  // Leaving Settings stops a generation between chunks; what is written stays whole.
  useEffect(() => () => controller.current?.abort(), []);

  const generate = async () => {
    const n = Number(size);
    if (!Number.isInteger(n) || n < 1 || n > MAX_SIZE) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    // Generate is disabled while it runs: focus waits on Cancel, then comes back.
    const origin = focusedElement();
    const hadFocus = origin !== null && origin.closest('form') === generateButton.current?.form;
    if (hadFocus) requestAnimationFrame(() => cancelButton.current?.focus());
    const abort = new AbortController();
    controller.current = abort;
    setJob({
      kind: 'running',
      controller: abort,
      progress: { phase: 'removing', runs: 0, total: n, events: 0 },
    });
    const started = performance.now();
    try {
      const { generateSamplePortfolio } = await import('../engine/sample-portfolio');
      const result = await generateSamplePortfolio(db, {
        size: n,
        now: clock.now(),
        locale,
        signal: abort.signal,
        onProgress: (progress) => setJob((j) => (j.kind === 'running' ? { ...j, progress } : j)),
      });
      // Sample runs were rebuilt under the same ids: held copies of them are gone.
      engine.forgetAll();
      if (result.cancelled) {
        toast.show(t('portfolio.sample.cancelled', { runs: number(result.runs) }), 'info');
      } else {
        toast.show(
          t('portfolio.sample.done', {
            runs: number(result.runs),
            events: number(result.events),
            seconds: number(Math.round((performance.now() - started) / 100) / 10),
          }),
        );
      }
      setJob({ kind: 'finished', runs: result.runs });
    } catch (error) {
      toast.show(t('portfolio.sample.failed', { detail: (error as Error).message }), 'error');
      setJob({ kind: 'idle' });
    } finally {
      controller.current = null;
      if (hadFocus) returnFocus(origin);
    }
  };

  const running = job.kind === 'running';
  return (
    <section className="card card-body stack" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>{t('portfolio.sample.title')}</h2>
      <p className="muted">{t('portfolio.sample.hint')}</p>
      <form
        className="row"
        style={{ alignItems: 'flex-end', gap: 8 }}
        onSubmit={(e) => {
          e.preventDefault();
          void generate();
        }}
      >
        <label className="field" style={{ width: 160 }}>
          <span>{t('portfolio.sample.size')}</span>
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_SIZE}
            step={1}
            value={size}
            disabled={running}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? `${ids}-invalid` : undefined}
            onChange={(e) => setSize(e.target.value)}
          />
        </label>
        <button ref={generateButton} type="submit" className="btn btn-primary" disabled={running}>
          {running ? t('portfolio.sample.generating') : t('portfolio.sample.generate')}
        </button>
        {running && (
          <button
            ref={cancelButton}
            type="button"
            className="btn"
            onClick={() => job.controller.abort()}
          >
            {t('portfolio.sample.cancel')}
          </button>
        )}
      </form>
      {invalid && (
        <p id={`${ids}-invalid`} role="alert" className="error-text">
          {t('portfolio.sample.sizeInvalid', { max: number(MAX_SIZE) })}
        </p>
      )}
      {running && (
        <div className="stack" style={{ gap: 4 }}>
          {/* Progress is read from the bar; the toast announces the end (no chatter per chunk). */}
          <progress
            aria-label={t('portfolio.sample.progressLabel')}
            max={job.progress.total}
            value={job.progress.runs}
            style={{ width: '100%' }}
          />
          <span className="small muted">
            {job.progress.phase === 'removing'
              ? t('portfolio.sample.removing')
              : t('portfolio.sample.progress', {
                  runs: number(job.progress.runs),
                  total: number(job.progress.total),
                  events: number(job.progress.events),
                })}
          </span>
        </div>
      )}
      {job.kind === 'finished' && job.runs > 0 && (
        <Link to="/portfolio">{t('portfolio.sample.open')}</Link>
      )}
    </section>
  );
}
