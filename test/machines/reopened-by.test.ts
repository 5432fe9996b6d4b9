import { describe, expect, it } from 'vitest';
import { reopenedBy } from '../../machines/run-context';
import { Driver, decideEvent, replanEvent } from '../support/driver';

describe('why a stage was reopened', () => {
  it('is the recycle that sent it back, while it is redrafted and reviewed again', () => {
    const d = new Driver().submit('research');
    expect(reopenedBy(d.context, 'research')).toBeNull();
    d.send(
      decideEvent('research', 'recycle', 'p-mkt', {
        comment: 'Interview two distributors',
        recycleTo: 'research',
      }),
    );
    expect(reopenedBy(d.context, 'research')).toMatchObject({
      kind: 'recycle',
      from: 'research',
      by: 'p-mkt',
      reason: 'Interview two distributors',
    });
    d.submit('research');
    expect(reopenedBy(d.context, 'research')?.reason).toBe('Interview two distributors');
  });

  it('is forgotten once the gate approves the stage again', () => {
    const d = new Driver().submit('research');
    d.send(decideEvent('research', 'recycle', 'p-mkt', { recycleTo: 'research' }));
    d.submit('research').pass('research');
    expect(reopenedBy(d.context, 'research')).toBeNull();
  });

  it('is the replan monitoring escalated, for the stage the plan went back to', () => {
    const d = new Driver().toLive();
    d.send(replanEvent('Rethink the channel mix'));
    expect(reopenedBy(d.context, 'strategy')).toMatchObject({
      kind: 'replan',
      from: 'monitoring',
      reason: 'Rethink the channel mix',
    });
    // Resource allocation waits for the strategy first: not reopened yet, so nothing to say.
    expect(reopenedBy(d.context, 'resources')).toBeNull();
  });
});
