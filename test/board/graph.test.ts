import { describe, it, expect } from 'vitest';
import { runToEdges, runToNodes, currentStages } from '../../src/board/graph';
import { Driver, decideEvent, person, reportedAt, PERIOD, replanEvent } from '../support/driver';
import { demoContent } from '../../src/domain/scenarios';
import type { RunEvent } from '../../machines/events';

const options = { selected: null, draftProblems: {}, today: '2024-08-15' };
const nodeOf = (d: Driver, stage: string) =>
  runToNodes(d.context, options).find((n) => n.id === stage)!;

describe('mapping a run to its board', () => {
  it('places the seven stages in order with their numbers, the current one standing out', () => {
    const d = new Driver();
    const nodes = runToNodes(d.context, options);
    expect(nodes.map((n) => [n.id, n.data.number])).toEqual([
      ['research', 1],
      ['goals', 2],
      ['strategy', 3],
      ['resources', 4],
      ['execution', 5],
      ['monitoring', 6],
      ['evaluation', 7],
    ]);
    expect(nodes.filter((n) => n.data.current).map((n) => n.id)).toEqual(['research']);
    expect(nodeOf(d, 'research').data).toMatchObject({ status: 'drafting', ownerId: 'p-lead' });
    expect(nodeOf(d, 'goals').data.status).toBe('notStarted');
  });

  it('shows approvals so far while a gate is in review', () => {
    const d = new Driver()
      .through('research')
      .submit('goals')
      .send(decideEvent('goals', 'go', 'p-sales'));
    expect(nodeOf(d, 'goals').data).toMatchObject({
      status: 'inReview',
      approvals: { count: 1, needed: 2 },
    });
  });

  it('highlights the walked path: forward edges out of approved stages', () => {
    const d = new Driver().through('research', 'goals');
    const walked = runToEdges(d.context)
      .filter((e) => e.data?.kind === 'forward' && e.data.walked)
      .map((e) => e.id);
    expect(walked).toEqual(['research->goals', 'goals->strategy']);
  });

  it('draws one dashed back edge per recycle route, with its count, and marks the stage recycled', () => {
    const d = new Driver().through('research', 'goals').submit('strategy');
    d.send(decideEvent('strategy', 'recycle', 'p-sales', { recycleTo: 'research' }));
    const back = runToEdges(d.context).filter((e) => e.data?.kind === 'recycle');
    expect(back).toEqual([
      expect.objectContaining({
        source: 'strategy',
        target: 'research',
        data: { kind: 'recycle', count: 1, walked: true },
      }),
    ]);
    expect(nodeOf(d, 'research').data).toMatchObject({ status: 'recycled', recycles: 1 });
  });

  it('shows the monitoring and replan loops as edges, counting check-ins and replans', () => {
    const d = new Driver().toLive();
    const kpi = demoContent('newProductLaunch', 'en', PERIOD).monitoring.kpis[0]!;
    const checkIn: RunEvent = {
      type: 'kpi.checkIn',
      by: 'p-am1',
      roles: person('p-am1').roles,
      at: reportedAt(PERIOD.end),
      kpiId: kpi.id,
      date: PERIOD.end,
      value: 0,
      source: 'crm',
      reason: 'storms',
    };
    d.send(checkIn);
    d.send(replanEvent());
    const edges = runToEdges(d.context);
    expect(edges.find((e) => e.data?.kind === 'checkIns')?.data).toMatchObject({
      count: 1,
      walked: true,
    });
    expect(edges.find((e) => e.data?.kind === 'replan')?.data).toMatchObject({
      count: 1,
      walked: true,
    });
  });

  it('pauses the operating stages while a replan redoes the plan, and operates them again after', () => {
    const d = new Driver().toLive();
    d.send(replanEvent());
    expect(nodeOf(d, 'execution').data.status).toBe('paused');
    expect(nodeOf(d, 'monitoring').data.status).toBe('paused');
    expect(nodeOf(d, 'strategy').data.status).toBe('drafting');
    d.through('strategy', 'resources');
    expect(nodeOf(d, 'execution').data.status).toBe('operating');
    expect(nodeOf(d, 'monitoring').data.status).toBe('operating');
  });

  it('shows both operating stages as current, with task progress and open alerts', () => {
    const d = new Driver().toLive();
    const kpi = demoContent('newProductLaunch', 'en', PERIOD).monitoring.kpis[0]!;
    d.send({
      type: 'kpi.checkIn',
      by: 'p-am1',
      roles: person('p-am1').roles,
      at: reportedAt(PERIOD.end),
      kpiId: kpi.id,
      date: PERIOD.end,
      value: 0,
      source: 'crm',
      reason: 'storms',
    });
    expect(currentStages(d.context)).toEqual(['execution', 'monitoring']);
    expect(nodeOf(d, 'monitoring').data).toMatchObject({
      status: 'operating',
      monitoring: { health: 'red', openAlerts: 1, withoutCountermeasure: 1 },
    });
    const tasks = nodeOf(d, 'execution').data.tasks!;
    expect(tasks.total).toBeGreaterThan(0);
    expect(tasks.done + tasks.inProgress).toBeLessThanOrEqual(tasks.total);
  });

  it('derives late tasks from their end date and today, never from a typed status', () => {
    const d = new Driver().toLive();
    const lateEarly = runToNodes(d.context, { ...options, today: PERIOD.start }).find(
      (n) => n.id === 'execution',
    )!.data.tasks!.late;
    const lateAfter = runToNodes(d.context, { ...options, today: '2024-10-15' }).find(
      (n) => n.id === 'execution',
    )!.data.tasks!.late;
    expect(lateEarly).toBe(0);
    expect(lateAfter).toBe(nodeOf(d, 'execution').data.tasks!.total);
  });

  it('marks the held gate on hold and a killed gate cancelled', () => {
    const held = new Driver().submit('research').send(decideEvent('research', 'hold', 'p-mkt'));
    expect(nodeOf(held, 'research').data.status).toBe('onHold');
    const killed = new Driver().submit('research').send(decideEvent('research', 'kill', 'p-mkt'));
    expect(nodeOf(killed, 'research').data.status).toBe('cancelled');
    expect(currentStages(killed.context)).toEqual([]);
  });

  it('is pure: the same run maps to equal nodes and edges', () => {
    const d = new Driver().through('research');
    expect(runToNodes(d.context, options)).toEqual(runToNodes(d.context, options));
    expect(runToEdges(d.context)).toEqual(runToEdges(d.context));
  });
});
