import type { StageId } from '../../domain/stages';
import { EvaluationForm } from './evaluation-form';
import { ExecutionForm } from './execution-form';
import { GoalsForm } from './goals-form';
import { MonitoringForm } from './monitoring-form';
import { ResearchForm } from './research-form';
import { ResourcesForm } from './resources-form';
import { StrategyForm } from './strategy-form';
import type { StageFormProps } from './types';

/** The props of one stage's form, as a union the stage id narrows. */
type AnyStageFormProps = { [S in StageId]: StageFormProps<S> }[StageId];

/**
 * The form for `props.stage`. Controlled: it renders `props.value` and calls `props.onChange`
 * with the whole new content on every edit (see useContentDraft for how late echoes of the
 * value are handled). Each stage's form is its own component, so switching stages starts fresh.
 */
export function StageForm(props: StageFormProps) {
  // StageFormProps pairs `stage` with that stage's content, but with S left as the whole union
  // TypeScript cannot see the pairing; the mapped union restores it so `switch` narrows.
  const stageProps = props as AnyStageFormProps;
  switch (stageProps.stage) {
    case 'research':
      return <ResearchForm {...stageProps} />;
    case 'goals':
      return <GoalsForm {...stageProps} />;
    case 'strategy':
      return <StrategyForm {...stageProps} />;
    case 'resources':
      return <ResourcesForm {...stageProps} />;
    case 'execution':
      return <ExecutionForm {...stageProps} />;
    case 'monitoring':
      return <MonitoringForm {...stageProps} />;
    case 'evaluation':
      return <EvaluationForm {...stageProps} />;
  }
}
