import { useLiveQuery } from 'dexie-react-hooks';
import { approvedContent } from '../../machines/run-context';
import { readContext } from '../engine/stored';
import { useI18n } from '../i18n/react';
import { useWorkspace } from '../workspace/workspace';

/**
 * What the last cycle's evaluation taught, beside the next cycle's planning: its lessons and
 * recommendations as its evaluation gate approved them. The optimization loop carries them into
 * the new plan; they are read from the parent run, so they are always its approved words.
 */
export function ParentLessons({ parentRunId }: { parentRunId: string }) {
  const { t } = useI18n();
  const { db } = useWorkspace();
  const taught = useLiveQuery(async () => {
    const parent = await readContext(db, parentRunId).catch(() => null);
    const evaluation = parent ? approvedContent(parent, 'evaluation') : null;
    return evaluation && parent
      ? {
          title: parent.title,
          lessons: evaluation.lessons,
          recommendations: evaluation.recommendations,
        }
      : null;
  }, [db, parentRunId]);
  if (!taught || taught.lessons.length + taught.recommendations.length === 0) return null;
  return (
    <section className="card card-body stack" aria-labelledby="parent-lessons-title">
      <h3 id="parent-lessons-title">{t('ui.stage.parentLessons', { title: taught.title })}</h3>
      <TaughtList heading={t('ui.stage.lessons')} items={taught.lessons} />
      <TaughtList heading={t('ui.stage.recommendations')} items={taught.recommendations} />
    </section>
  );
}

/** One list of what was taught, under its heading; nothing when it is empty. */
function TaughtList({
  heading,
  items,
}: {
  heading: string;
  items: ReadonlyArray<{ id: string; text: string }>;
}) {
  if (items.length === 0) return null;
  return (
    <div>
      <h4 className="small muted">{heading}</h4>
      <ul>
        {items.map((item) => (
          <li key={item.id}>{item.text}</li>
        ))}
      </ul>
    </div>
  );
}
