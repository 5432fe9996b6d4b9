import { useId } from 'react';
import {
  rolesNobodyHolds,
  tooFewApprovers,
  type GatePolicies,
  type GatePolicy,
  type Quorum,
} from '../domain/gate';
import { ROLES, type Person, type Role } from '../domain/people';
import { STAGE_IDS, stageNumber, type StageId } from '../domain/stages';
import type { ScenarioId } from '../domain/scenario-ids';
import { defaultGatePolicies } from '../domain/scenarios';
import { useI18n } from '../i18n/react';

/** Roles that may be asked to approve: everyone but the lead, who submits. */
export const APPROVER_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'lead');

/** Approvals a gate may ask of distinct people, besides "any one" and "one per role". */
const PEOPLE_COUNTS = [2, 3, 4, 5] as const;

/** The first gate whose policy names no approver role (the schema refuses it), or null. */
export function gateWithoutApprovers(policies: GatePolicies): StageId | null {
  return STAGE_IDS.find((stage) => policies[stage].roles.length === 0) ?? null;
}

/** The id of a gate's first role checkbox, so a refusal can send focus there. */
export const firstRoleId = (stage: StageId) => `policy-${stage}-roles`;

/**
 * Who decides at each of a run's seven gates: the roles that may approve, how many approvals
 * are needed, and an optional veto role. Filled with the scenario's usual rules; every change
 * goes to `onChange` as a whole new set of policies.
 */
export function GatePoliciesEditor({
  value,
  onChange,
  people,
  refusal = null,
}: {
  value: GatePolicies;
  onChange: (next: GatePolicies) => void;
  people: readonly Person[];
  /** A refusal to show at its gate (the dialog refused to create the run because of it). */
  refusal?: { stage: StageId; message: string } | null;
}) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const id = useId();
  const set = (stage: StageId, next: GatePolicy) => onChange({ ...value, [stage]: next });
  const quorumKey = (q: Quorum) => (q.kind === 'nOfM' ? `nOfM-${q.n}` : q.kind);
  return (
    <div className="stack policy-editor">
      {STAGE_IDS.map((stage) => {
        const policy = value[stage];
        const counts =
          policy.quorum.kind === 'nOfM' &&
          !(PEOPLE_COUNTS as readonly number[]).includes(policy.quorum.n)
            ? [...PEOPLE_COUNTS, policy.quorum.n].sort((a, b) => a - b)
            : PEOPLE_COUNTS;
        const toggle = (role: Role, on: boolean) => {
          const roles = on
            ? APPROVER_ROLES.filter((r) => r === role || policy.roles.includes(r))
            : policy.roles.filter((r) => r !== role);
          // A veto role that no longer approves here is dropped with it.
          const vetoRole =
            policy.vetoRole && roles.includes(policy.vetoRole) ? policy.vetoRole : null;
          set(stage, { ...policy, roles, vetoRole });
        };
        const unheld = rolesNobodyHolds(policy, people);
        const able = tooFewApprovers(policy, people);
        const warning = `${id}-${stage}-warning`;
        const refused = refusal?.stage === stage && policy.roles.length === 0;
        const error = `${id}-${stage}-error`;
        const described = [refused ? error : '', unheld.length > 0 || able !== null ? warning : '']
          .filter(Boolean)
          .join(' ');
        return (
          <fieldset
            key={stage}
            className={refused ? 'policy-gate invalid' : 'policy-gate'}
            aria-describedby={described || undefined}
          >
            <legend>
              {t('ui.policy.gate', { number: stageNumber(stage), stage: i18n.stage(stage) })}
            </legend>
            <div className="checkbox-row" role="group" aria-label={t('ui.policy.roles')}>
              {APPROVER_ROLES.map((role, i) => (
                <label key={role}>
                  <input
                    id={i === 0 ? firstRoleId(stage) : undefined}
                    type="checkbox"
                    checked={policy.roles.includes(role)}
                    onChange={(e) => toggle(role, e.target.checked)}
                  />
                  {label('role', role)}
                </label>
              ))}
            </div>
            <div className="row policy-choices">
              <label className="field">
                <span>{t('ui.policy.needed')}</span>
                <select
                  value={quorumKey(policy.quorum)}
                  onChange={(e) => {
                    const [kind, n] = e.target.value.split('-');
                    const quorum: Quorum =
                      kind === 'nOfM'
                        ? { kind: 'nOfM', n: Number(n) }
                        : { kind: kind === 'all' ? 'all' : 'any' };
                    set(stage, { ...policy, quorum });
                  }}
                >
                  <option value="any">{t('ui.policy.any')}</option>
                  {counts.map((n) => (
                    <option key={n} value={`nOfM-${n}`}>
                      {t('ui.policy.nOfM', { n })}
                    </option>
                  ))}
                  <option value="all">{t('ui.policy.all')}</option>
                </select>
              </label>
              <label className="field">
                <span>{t('ui.policy.veto')}</span>
                <select
                  value={policy.vetoRole ?? ''}
                  onChange={(e) =>
                    set(stage, { ...policy, vetoRole: (e.target.value || null) as Role | null })
                  }
                >
                  <option value="">{t('ui.policy.noVeto')}</option>
                  {policy.roles.map((role) => (
                    <option key={role} value={role}>
                      {label('role', role)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            {refused && (
              <p id={error} className="error-text">
                {refusal.message}
              </p>
            )}
            {(unheld.length > 0 || able !== null) && (
              <p id={warning} className="small warning-text">
                {[
                  unheld.length > 0
                    ? t('ui.policy.nobodyHolds', {
                        roles: i18n.list(unheld.map((r) => label('role', r))),
                      })
                    : '',
                  able !== null && policy.quorum.kind === 'nOfM'
                    ? t('ui.policy.tooFew', { count: able, n: policy.quorum.n })
                    : '',
                ]
                  .filter(Boolean)
                  .join(' ')}
              </p>
            )}
          </fieldset>
        );
      })}
      <p className="small muted">{t('ui.policy.vetoHint')}</p>
    </div>
  );
}

/** The editor for a new run: the scenario's usual rules until the person changes one. */
export function ScenarioPoliciesEditor({
  scenario,
  value,
  ...rest
}: {
  scenario: ScenarioId;
  value: GatePolicies | null;
  onChange: (next: GatePolicies) => void;
  people: readonly Person[];
  refusal?: { stage: StageId; message: string } | null;
}) {
  return <GatePoliciesEditor value={value ?? defaultGatePolicies(scenario)} {...rest} />;
}
