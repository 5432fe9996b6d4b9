import { useRef, useState } from 'react';
import { nextPeriod, periodLabel, type IsoDate, type Period } from '../domain/time';
import { useI18n } from '../i18n/react';

/**
 * The periods a next cycle may cover: the one right after this run's, and later ones up to the
 * first that has not begun by `today` (a lead who evaluates late can skip a period half gone).
 */
export function nextCyclePeriods(period: Period, today: IsoDate, most = 4): Period[] {
  const periods = [nextPeriod(period)];
  while (periods.length < most && (periods.at(-1) as Period).start <= today) {
    periods.push(nextPeriod(periods.at(-1) as Period));
  }
  return periods;
}

/** The period offered first: the earliest that has not ended yet (else the latest offered). */
export function defaultNextCycle(periods: readonly Period[], today: IsoDate): Period {
  return periods.find((p) => p.end >= today) ?? (periods.at(-1) as Period);
}

/**
 * Asks before a next cycle is started, and for which period: a run created by one stray click,
 * for a quarter already half over, would show as overdue from its first day.
 */
export function NextCycleDialog({
  title,
  period,
  today,
  onStart,
  onClose,
}: {
  title: string;
  period: Period;
  today: IsoDate;
  onStart(period: Period): Promise<void>;
  onClose(): void;
}) {
  const { t, date } = useI18n();
  const ref = useRef<HTMLDialogElement | null>(null);
  const periods = nextCyclePeriods(period, today);
  const [chosen, setChosen] = useState(() => defaultNextCycle(periods, today).start);
  const [busy, setBusy] = useState(false);
  const picked = periods.find((p) => p.start === chosen) ?? (periods[0] as Period);
  return (
    <dialog
      ref={(el) => {
        ref.current = el;
        if (el && !el.open) el.showModal();
      }}
      className="dialog"
      aria-labelledby="next-cycle-title"
      onClose={onClose}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          void onStart(picked).finally(() => setBusy(false));
        }}
      >
        <div className="dialog-head">
          <h2 id="next-cycle-title">{t('ui.nextCycle.title')}</h2>
        </div>
        <div className="dialog-body">
          <p>{t('ui.nextCycle.text', { title })}</p>
          <label className="field">
            <span>{t('ui.nextCycle.period')}</span>
            <select value={chosen} onChange={(e) => setChosen(e.target.value)}>
              {periods.map((p) => (
                <option key={p.start} value={p.start}>
                  {periodLabel(p)}
                </option>
              ))}
            </select>
          </label>
          {picked.start <= today && (
            <p className="banner banner-amber" role="note">
              {t('ui.nextCycle.late', { start: date(picked.start) })}
            </p>
          )}
        </div>
        <div className="dialog-foot">
          <button type="button" className="btn" onClick={() => ref.current?.close()}>
            {t('ui.action.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('ui.run.startNextCycle')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
