import { describe, expect, it } from 'vitest';
import { checkEvent } from '../../machines/run-rules';
import type { RunEvent } from '../../machines/events';
import { approvedContent } from '../../machines/run-context';
import { demoContent } from '../../src/domain/scenarios';
import { gateReadiness } from '../../src/domain/readiness';
import type { Role } from '../../src/domain/people';
import {
  Driver,
  PERIOD,
  at,
  closingAt,
  decideEvent,
  person,
  reportedAt,
  runInput,
} from '../support/driver';

/** A run under gate rules `version` (the latest by default). */
const runUnder = (version?: number) =>
  new Driver(runInput(version === undefined ? {} : { rulesVersion: version }));

const content = demoContent('newProductLaunch', 'en', PERIOD);
const sales = content.monitoring.kpis.find((k) => k.unit === 'CNY')!;

function checkIn(by: string, date: string, value: number, reason = 'Behind pace'): RunEvent {
  return {
    type: 'kpi.checkIn',
    by,
    roles: person(by).roles,
    at: reportedAt(date),
    kpiId: sales.id,
    date,
    value,
    source: 'crm',
    reason,
  };
}

const close = (acceptance: string, when = closingAt()): RunEvent => ({
  type: 'execution.close',
  by: 'p-lead',
  roles: ['lead'],
  at: when,
  acceptance,
});

const updateRisk = (
  by: string,
  fields: { countermeasure: string; ownerId: string | null; status: 'open' | 'closed' },
): RunEvent => ({
  type: 'risk.update',
  by,
  roles: person(by).roles,
  at: at(),
  riskId: 'risk-1',
  due: null,
  ...fields,
});

describe('gate rules 4', () => {
  describe('an "all" gate', () => {
    const bothRoles: Role[] = ['salesDirector', 'marketingHead'];
    const goByOnePersonWithBothRoles = (d: Driver) =>
      d.trySend({ ...decideEvent('strategy', 'go', 'p-sales'), roles: bothRoles });

    it('needs a different person for each role: one person holding two roles is one approval', () => {
      const d = runUnder().through('research', 'goals').submit('strategy');
      expect(goByOnePersonWithBothRoles(d)).toBe(true);
      expect(d.context.stages.strategy.status).toBe('inReview');
      d.send(decideEvent('strategy', 'go', 'p-mkt'));
      expect(d.context.stages.strategy.status).toBe('approved');
    });

    it('let one person holding both roles pass it alone under rules 3, as it always did', () => {
      const d = runUnder(3).through('research', 'goals').submit('strategy');
      expect(goByOnePersonWithBothRoles(d)).toBe(true);
      expect(d.context.stages.strategy.status).toBe('approved');
    });
  });

  describe('a recycle to the goals while the run operates', () => {
    function sentBackToGoals(version?: number): Driver {
      const d = runUnder(version).toOperating().through('monitoring').submit('execution');
      return d.send(
        decideEvent('execution', 'recycle', 'p-sales', {
          recycleTo: 'goals',
          comment: 'Drop the North China sub-goal',
        }),
      );
    }

    it('sends the monitoring plan back too: its KPIs pass their gate again against the new goals', () => {
      const d = sentBackToGoals();
      expect(d.context.stages.monitoring).toMatchObject({ status: 'notStarted', approved: null });
      d.through('goals', 'strategy', 'resources');
      expect(d.context.stages.monitoring.status).toBe('drafting');
      const early = checkIn('p-am1', '2024-07-10', 1_000_000);
      expect(d.trySend(early)).toBe(false);
      expect(checkEvent(d.context, early)?.code).toBe('unknownKpi');
      d.through('monitoring');
      expect(d.trySend(checkIn('p-am1', '2024-07-10', 1_000_000))).toBe(true);
    });

    it('kept the old monitoring plan approved under rules 3', () => {
      const d = sentBackToGoals(3);
      expect(d.context.stages.monitoring.status).toBe('approved');
    });
  });

  describe('KPI figures', () => {
    it('come from the run’s team: someone with no part in the plan is refused', () => {
      const d = runUnder().toLive();
      const byGeneralManager = checkIn('p-gm', '2024-07-10', 1_000_000);
      expect(d.trySend(byGeneralManager)).toBe(false);
      expect(checkEvent(d.context, byGeneralManager)?.code).toBe('checkInNotOnRunTeam');
      expect(d.trySend(checkIn('p-am1', '2024-07-10', 1_000_000))).toBe(true);
      expect(runUnder(3).toLive().trySend(byGeneralManager)).toBe(true);
    });

    it('are whole fen when the KPI counts money', () => {
      const d = runUnder().toLive();
      const fraction = checkIn('p-am1', '2024-07-10', 1_234.5);
      expect(d.trySend(fraction)).toBe(false);
      expect(checkEvent(d.context, fraction)?.code).toBe('checkInNotInFen');
      expect(runUnder(3).toLive().trySend(fraction)).toBe(true);
    });

    it('raise no alert when back-filled for a day before the KPI’s latest figure', () => {
      const d = runUnder().toLive();
      d.send(checkIn('p-am1', '2024-08-31', sales.target ?? 0, ''));
      d.send(checkIn('p-am1', '2024-07-20', 0, 'July was slow'));
      expect(d.context.checkIns).toHaveLength(2);
      expect(d.context.risks).toEqual([]);

      const old = runUnder(3).toLive();
      old.send(checkIn('p-am1', '2024-08-31', sales.target ?? 0, ''));
      old.send(checkIn('p-am1', '2024-07-20', 0, 'July was slow'));
      expect(old.context.risks).toHaveLength(1);
    });
  });

  describe('risk alerts', () => {
    const redAlert = (version?: number) =>
      runUnder(version)
        .toLive()
        .send(checkIn('p-am1', PERIOD.end, 0, 'Storms cut visits by 30%'));

    it('are updated by the run’s team and owned by someone on it', () => {
      const d = redAlert();
      const byFinance = updateRisk('p-gm', {
        countermeasure: 'Online visits',
        ownerId: 'p-am1',
        status: 'open',
      });
      expect(d.trySend(byFinance)).toBe(false);
      expect(checkEvent(d.context, byFinance)?.code).toBe('riskNotOnRunTeam');
      const ownedByGhost = updateRisk('p-lead', {
        countermeasure: 'Online visits',
        ownerId: 'p-ghost',
        status: 'open',
      });
      expect(d.trySend(ownedByGhost)).toBe(false);
      expect(checkEvent(d.context, ownedByGhost)?.code).toBe('riskOwnerNotOnRunTeam');
      expect(redAlert(3).trySend(byFinance)).toBe(true);
    });

    it('are raised with an owner on the team, and keep an owner named before the team changed', () => {
      const d = redAlert();
      const raise = (ownerId: string | null): RunEvent => ({
        type: 'risk.raise',
        by: 'p-lead',
        roles: ['lead'],
        at: at(),
        description: 'Key customer lost',
        severity: 'high',
        countermeasure: 'Call the CEO',
        ownerId,
        due: null,
      });
      expect(d.trySend(raise('p-gm'))).toBe(false);
      expect(checkEvent(d.context, raise('p-gm'))?.code).toBe('riskOwnerNotOnRunTeam');
      expect(d.trySend(raise('p-am1'))).toBe(true);
      expect(redAlert(3).trySend(raise('p-gm'))).toBe(true);
    });

    it('without a countermeasure or an owner must be handled or accepted before execution closes', () => {
      const d = redAlert();
      expect(d.trySend(close(''))).toBe(false);
      expect(checkEvent(d.context, close(''))).toMatchObject({
        code: 'unhandledItemsNeedAcceptance',
        params: { unhandledRisks: 1 },
      });
      d.send(
        updateRisk('p-am1', {
          countermeasure: 'Online visits and trial packs',
          ownerId: 'p-am1',
          status: 'open',
        }),
      );
      expect(d.trySend(close(''))).toBe(true);
      expect(redAlert(3).trySend(close(''))).toBe(true);
    });
  });

  describe('closing execution before the period ends', () => {
    const midPeriod = '2024-08-15T09:00:00.000Z';

    it('needs a written acceptance saying why the results can be evaluated now', () => {
      const d = runUnder().toLive();
      expect(d.trySend(close('', midPeriod))).toBe(false);
      expect(checkEvent(d.context, close('', midPeriod))).toMatchObject({
        code: 'earlyCloseNeedsAcceptance',
        params: { end: PERIOD.end },
      });
      expect(d.trySend(close('The customer signed early; nothing more to win', midPeriod))).toBe(
        true,
      );
    });

    it('counts the period as over once the day after it has begun somewhere, not before', () => {
      const lastDayInKiribati = '2024-09-29T10:30:00.000Z';
      expect(runUnder().toLive().trySend(close('', lastDayInKiribati))).toBe(false);
      const dayAfterInKiribati = '2024-09-30T10:30:00.000Z';
      expect(runUnder().toLive().trySend(close('', dayAfterInKiribati))).toBe(true);
    });

    it('needed none under rules 3', () => {
      expect(runUnder(3).toLive().trySend(close('', midPeriod))).toBe(true);
    });
  });

  describe('money at the gates', () => {
    const goals = approvedContent(runUnder().through('research', 'goals').context, 'goals')!.goals;
    const gate = (version: number) => ({
      period: PERIOD,
      goals,
      strategy: null,
      personIds: null,
      rulesVersion: version,
    });

    it('refuses a KPI target in CNY finer than a fen', () => {
      const kpis = content.monitoring.kpis.map((k) =>
        k.id === sales.id ? { ...k, target: (k.target ?? 0) + 0.5 } : k,
      );
      const codes = (version: number) =>
        gateReadiness('monitoring', { kpis }, gate(version)).map((p) => p.code);
      expect(codes(4)).toContain('kpis.moneyNotInFen');
      expect(codes(3)).not.toContain('kpis.moneyNotInFen');
    });

    it('adds sub-goals up exactly: ¥100亿 split into parts 999 fen short does not pass', () => {
      const parent = goals.find((g) => g.parentId === null && g.unit === 'CNY' && g.additive)!;
      const big = 1_000_000_000_000; // ¥100亿 in fen
      // Each dimension's sub-goals share the parent exactly, but one of the first group is short.
      const groups = new Map<string, typeof goals>();
      for (const g of goals) {
        if (g.parentId !== parent.id || g.unit !== 'CNY' || g.dimension === null) continue;
        groups.set(g.dimension, [...(groups.get(g.dimension) ?? []), g]);
      }
      const targets = new Map<string, number>([[parent.id, big]]);
      [...groups.values()].forEach((members, group) => {
        const share = Math.floor(big / members.length);
        members.forEach((g, i) => {
          const rest = big - share * members.length;
          targets.set(g.id, share + (i === 0 ? rest - (group === 0 ? 999 : 0) : 0));
        });
      });
      const split = goals
        .filter((g) => targets.has(g.id))
        .map((g) => ({ ...g, target: targets.get(g.id) ?? g.target }));
      const sums = (version: number) =>
        gateReadiness('goals', { goals: split }, gate(version))
          .map((p) => p.code)
          .filter((code) => code === 'goals.subGoalsDontAddUp');
      expect(sums(4)).toEqual(['goals.subGoalsDontAddUp']);
      expect(sums(3)).toEqual([]);
    });
  });
});
