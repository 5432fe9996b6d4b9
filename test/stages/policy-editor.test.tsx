// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { rolesNobodyHolds, type GatePolicies } from '../../src/domain/gate';
import { defaultGatePolicies, demoTeam } from '../../src/domain/scenarios';
import { I18nProvider } from '../../src/i18n/react';
import { GatePoliciesEditor, gateWithoutApprovers } from '../../src/stages/policy-editor';

afterEach(cleanup);

const team = demoTeam('en').map((p) => ({ ...p, roles: [...p.roles] }));

/** The editor over the launch scenario's rules; returns what it last reported. */
function renderEditor(people = team) {
  const seen: { policies: GatePolicies } = { policies: defaultGatePolicies('newProductLaunch') };
  function Harness() {
    const [value, setValue] = useState(seen.policies);
    return (
      <GatePoliciesEditor
        value={value}
        people={people}
        onChange={(next) => {
          seen.policies = next;
          setValue(next);
        }}
      />
    );
  }
  render(
    <I18nProvider locale="en">
      <Harness />
    </I18nProvider>,
  );
  return seen;
}

const gate = (name: string) => screen.getByRole('group', { name });

describe('the approval rules of a new run', () => {
  it('start from the scenario’s rules, one block per gate', () => {
    renderEditor();
    const resources = gate('4. Resource allocation gate');
    expect(within(resources).getByRole('checkbox', { name: 'Finance' })).toHaveProperty(
      'checked',
      true,
    );
    expect(within(resources).getByRole('combobox', { name: 'Approvals needed' })).toHaveProperty(
      'value',
      'nOfM-2',
    );
    expect(within(resources).getByRole('combobox', { name: 'Veto' })).toHaveProperty(
      'value',
      'finance',
    );
    expect(screen.getAllByRole('group', { name: /gate$/ })).toHaveLength(7);
  });

  it('change who approves and how many must, gate by gate', () => {
    const seen = renderEditor();
    const research = gate('1. Research gate');
    fireEvent.click(within(research).getByRole('checkbox', { name: 'General manager' }));
    fireEvent.change(within(research).getByRole('combobox', { name: 'Approvals needed' }), {
      target: { value: 'all' },
    });
    expect(seen.policies.research).toEqual({
      roles: ['salesDirector', 'marketingHead', 'generalManager'],
      quorum: { kind: 'all' },
      vetoRole: null,
    });
    // The other gates keep their rules.
    expect(seen.policies.goals).toEqual(defaultGatePolicies('newProductLaunch').goals);
  });

  it('drop a veto whose role no longer approves at that gate', () => {
    const seen = renderEditor();
    fireEvent.click(
      within(gate('4. Resource allocation gate')).getByRole('checkbox', { name: 'Finance' }),
    );
    expect(seen.policies.resources).toMatchObject({
      roles: ['salesDirector', 'generalManager'],
      vetoRole: null,
    });
  });

  it('warn when nobody in the workspace holds a role a gate needs', () => {
    renderEditor(team.filter((p) => !p.roles.includes('finance')));
    expect(gate('4. Resource allocation gate').textContent).toContain(
      'Nobody holds Finance yet: give someone the role on the People page, or this gate may never pass.',
    );
    expect(gate('1. Research gate').textContent).not.toContain('Nobody holds');
  });

  it('warn when fewer people hold a gate’s roles than the approvals it asks for', () => {
    renderEditor();
    const research = gate('1. Research gate');
    fireEvent.change(within(research).getByRole('combobox', { name: 'Approvals needed' }), {
      target: { value: 'nOfM-5' },
    });
    expect(research.textContent).toContain(
      'Only 2 people hold these roles, fewer than the 5 approvals this gate needs: it could never pass.',
    );
  });

  it('show a refusal at its gate, where focus goes, not only at the foot of the dialog', () => {
    const policies = defaultGatePolicies('newProductLaunch');
    render(
      <I18nProvider locale="en">
        <GatePoliciesEditor
          value={{ ...policies, goals: { ...policies.goals, roles: [] } }}
          onChange={() => {}}
          people={team}
          refusal={{ stage: 'goals', message: 'Choose at least one role' }}
        />
      </I18nProvider>,
    );
    const goals = gate('2. Goal setting gate');
    expect(goals.getAttribute('aria-describedby')).toBeTruthy();
    expect(
      document.getElementById(goals.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent,
    ).toBe('Choose at least one role');
  });

  it('find a gate left without any approver role, which a run may not have', () => {
    const policies = defaultGatePolicies('keyAccount');
    expect(gateWithoutApprovers(policies)).toBeNull();
    expect(
      gateWithoutApprovers({ ...policies, strategy: { ...policies.strategy, roles: [] } }),
    ).toBe('strategy');
    expect(rolesNobodyHolds(policies.resources, [])).toEqual([
      'finance',
      'salesDirector',
      'generalManager',
    ]);
  });
});
