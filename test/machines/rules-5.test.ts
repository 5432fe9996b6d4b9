import { describe, expect, it } from 'vitest';
import { checkEvent } from '../../machines/run-rules';
import type { RunEvent } from '../../machines/events';
import { demoContent } from '../../src/domain/scenarios';
import { translateRefusal } from '../../src/i18n';
import {
  Driver,
  PERIOD,
  decideEvent,
  person,
  reportedAt,
  runInput,
  approversFor,
} from '../support/driver';

/** A run under gate rules `version` (the latest by default). */
const runUnder = (version?: number) =>
  new Driver(runInput(version === undefined ? {} : { rulesVersion: version }));

const content = demoContent('newProductLaunch', 'en', PERIOD);

/** The demo monitoring plan with its conversion-rate KPI aiming at 3%. */
const monitoringAimingAt3 = {
  ...content.monitoring,
  kpis: content.monitoring.kpis.map((k) => (k.id === 'k-conversion' ? { ...k, target: 3 } : k)),
};

/** A run operating with that plan: conversion is a level KPI, so its pace is its whole target. */
const liveUnder = (version?: number) =>
  runUnder(version)
    .toOperating()
    .through('execution')
    .submit('monitoring', monitoringAimingAt3)
    .pass('monitoring');

const conversionAt = (value: number): RunEvent => ({
  type: 'kpi.checkIn',
  by: 'p-am1',
  roles: person('p-am1').roles,
  at: reportedAt('2024-08-01'),
  kpiId: 'k-conversion',
  date: '2024-08-01',
  value,
  source: 'crm',
  reason: 'Fewer live streams than planned',
});

describe('gate rules 5', () => {
  describe('a KPI figure exactly on a threshold', () => {
    it('reads as on it: 2.4% against 3% is 80% of target, amber, and raises no alert', () => {
      const d = liveUnder().send(conversionAt(2.4));
      expect(d.context.checkIns.at(-1)?.health).toBe('amber');
      expect(d.context.risks).toHaveLength(0);
    });

    it('fell just short under rules 4 (2.4 / 3 is 0.7999999999999999): red, with an alert', () => {
      const d = liveUnder(4).send(conversionAt(2.4));
      expect(d.context.checkIns.at(-1)?.health).toBe('red');
      expect(d.context.risks).toHaveLength(1);
    });
  });

  describe('a KPI whose goal is due before the period ends', () => {
    /** East China's sales goal due on Aug 31, its KPI (green from 90%) checked in then at 85%. */
    const eastDueInAugust = (version?: number) => {
      const goals = {
        ...content.goals,
        goals: content.goals.goals.map((g) =>
          g.id === 'g-east' ? { ...g, deadline: '2024-08-31' } : g,
        ),
      };
      const east = content.monitoring.kpis.find((k) => k.id === 'k-east')!;
      const d = runUnder(version)
        .through('research')
        .submit('goals', goals)
        .pass('goals')
        .through('strategy', 'resources', 'execution', 'monitoring');
      return d.send({
        type: 'kpi.checkIn',
        by: 'p-am1',
        roles: person('p-am1').roles,
        at: reportedAt('2024-08-31'),
        kpiId: east.id,
        date: '2024-08-31',
        value: Math.round(east.target! * 0.85),
        source: 'crm',
        reason: 'Two distributors signed late',
      });
    };

    it('is paced to the deadline: on it the whole target is due, so 85% of it is amber', () => {
      const d = eastDueInAugust();
      expect(d.context.checkIns.at(-1)).toMatchObject({ health: 'amber' });
      expect(d.context.checkIns.at(-1)?.attainment).toBeCloseTo(0.85, 6);
    });

    it('was paced over the whole quarter under rules 4: the same figure read as ahead', () => {
      expect(eastDueInAugust(4).context.checkIns.at(-1)).toMatchObject({ health: 'green' });
    });
  });

  describe('conditions on a decision', () => {
    const goWithConditions = decideEvent('research', 'go', 'p-mkt', {
      conditions: ['Confirm stock with distributors'],
    });

    it('come only with a Conditional Go: a plain Go carrying them is refused, saying how to fix it', () => {
      const d = runUnder().submit('research');
      const refusal = checkEvent(d.context, goWithConditions);
      expect(refusal?.code).toBe('conditionsOnlyWithConditionalGo');
      expect(translateRefusal('en', refusal!)).toBe(
        'Only Conditional Go carries conditions. Remove the conditions, or choose Conditional Go.',
      );
      expect(d.trySend(goWithConditions)).toBe(false);
      expect(d.context.stages.research.status).toBe('inReview');
    });

    it('rode on a plain Go under rules 4, and became follow-ups nobody chose to set', () => {
      const d = runUnder(4).submit('research');
      expect(d.trySend(goWithConditions)).toBe(true);
      for (const by of approversFor(d.snapshot, 'research').filter((p) => p !== 'p-mkt')) {
        if (d.context.stages.research.status !== 'inReview') break;
        d.send(decideEvent('research', 'go', by));
      }
      expect(d.context.followUps.map((f) => f.text)).toEqual(['Confirm stock with distributors']);
    });
  });
});
