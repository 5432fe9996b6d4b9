import { render, within, type RenderResult } from '@testing-library/react';
import { useState } from 'react';
import { vi, type Mock } from 'vitest';
import type { Kpi, StageContentMap } from '../../../src/domain/content';
import type { Problem } from '../../../src/domain/gate';
import { gateReadiness } from '../../../src/domain/readiness';
import { measuredActuals } from '../../../src/domain/results';
import { demoContent, demoGateContext, demoTeam } from '../../../src/domain/scenarios';
import type { StageId } from '../../../src/domain/stages';
import { quarterPeriod } from '../../../src/domain/time';
import type { Locale } from '../../../src/i18n';
import { I18nProvider } from '../../../src/i18n/react';
import { StageForm } from '../../../src/stages/forms/stage-form';
import type { StageFormProps } from '../../../src/stages/forms/types';

export const PERIOD = quarterPeriod(2024, 3);

/** Fresh demo content (a deep copy, so a test can change it freely). */
export function demo(): StageContentMap {
  return structuredClone(demoContent('newProductLaunch', 'en', PERIOD));
}

/** Gate problems for stage content, in the demo's gate context. */
export function problemsOf<S extends StageId>(stage: S, content: StageContentMap[S]): Problem[] {
  return gateReadiness(stage, content, demoGateContext('newProductLaunch', 'en', PERIOD));
}

export interface FormOptions<S extends StageId> {
  value?: StageContentMap[S];
  locale?: Locale;
  readOnly?: boolean;
  problems?: readonly Problem[];
  /** KPI check-ins the evaluation computes actuals from; none by default. */
  checkIns?: readonly { kpiId: string; date: string; value: number }[];
  /** The approved KPIs; the demo's by default. */
  kpis?: readonly Kpi[];
  /**
   * Like the panel: keep the latest content and pass it back as `value`. Without it the form
   * gets the same `value` throughout, as with a parent that has not re-rendered yet.
   */
  stateful?: boolean;
}

export interface RenderedForm<S extends StageId> extends RenderResult {
  onChange: Mock<(value: StageContentMap[S]) => void>;
  /** The content of the last onChange call; fails the test when there was none. */
  lastValue(): StageContentMap[S];
  /** Renders again with new props, as the parent would. */
  update(options: FormOptions<S>): void;
}

/** The props the panel would pass for `stage`, built from the demo run. */
export function demoProps<S extends StageId>(
  stage: S,
  options: FormOptions<S>,
  onChange: (value: StageContentMap[S]) => void,
): StageFormProps<S> {
  const content = demo();
  return {
    stage,
    value: options.value ?? content[stage],
    onChange,
    readOnly: options.readOnly ?? false,
    problems: options.problems ?? [],
    people: demoTeam('en'),
    goals: content.goals.goals,
    strategy: content.strategy,
    period: PERIOD,
    kpis: options.kpis ?? content.monitoring.kpis,
    measured: measuredActuals(
      content.goals.goals,
      options.kpis ?? content.monitoring.kpis,
      options.checkIns ?? [],
    ),
  };
}

function Stateful<S extends StageId>(props: StageFormProps<S>) {
  const [value, setValue] = useState(props.value);
  return (
    <StageForm
      {...(props as StageFormProps)}
      value={value}
      onChange={(next) => {
        setValue(next as StageContentMap[S]);
        props.onChange(next as StageContentMap[S]);
      }}
    />
  );
}

/** Renders the stage's form inside an I18nProvider with demo props. */
export function renderForm<S extends StageId>(
  stage: S,
  options: FormOptions<S> = {},
): RenderedForm<S> {
  const onChange = vi.fn<(value: StageContentMap[S]) => void>();
  const ui = (opts: FormOptions<S>) => {
    const props = demoProps(stage, opts, onChange);
    return (
      <I18nProvider locale={opts.locale ?? 'en'}>
        {opts.stateful ? <Stateful {...props} /> : <StageForm {...(props as StageFormProps)} />}
      </I18nProvider>
    );
  };
  const result = render(ui(options));
  return {
    ...result,
    onChange,
    lastValue() {
      const call = onChange.mock.calls.at(-1);
      if (call === undefined) throw new Error('onChange was not called');
      return call[0];
    },
    update(next) {
      result.rerender(ui({ ...options, ...next }));
    },
  };
}

/** The text of the elements that describe `element` (aria-describedby): its hint and problems. */
/** The value a read-only form shows for a field: the element after its label. */
export function readField(container: HTMLElement, label: string): HTMLElement {
  const value = within(container).getByText(label, { selector: '.read-label' }).nextElementSibling;
  if (!(value instanceof HTMLElement)) throw new Error(`no value after the label ${label}`);
  return value;
}

export function descriptionOf(element: HTMLElement): string {
  const ids = element.getAttribute('aria-describedby')?.split(/\s+/) ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

export function isInvalid(element: HTMLElement): boolean {
  return element.getAttribute('aria-invalid') === 'true';
}
