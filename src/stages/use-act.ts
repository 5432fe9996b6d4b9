import { useCallback, useState } from 'react';
import { ConflictError, type RunAction } from '../engine/engine';
import { useI18n } from '../i18n/react';
import { useToast } from '../workspace/toasts';
import { useWorkspace } from '../workspace/workspace';
import { publishRunUpdate } from '../workspace/run-updates';
import type { MessageKey } from '../i18n';
import type { RunContext } from '../../machines/run-context';
import { firstField, focusedElement, returnFocus, STAGE_HEADING_ID } from './focus';

/** The browser refused to store more: the transaction rolled back, nothing was written. */
export function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { inner?: unknown }).inner) {
    const name = (e as { name?: string }).name;
    if (name === 'QuotaExceededError' || name === 'QuotaExceeded') return true;
  }
  return false;
}

/**
 * Sends a person's action through the engine and tells them what happened: a toast on success,
 * the machine's reason on refusal, and a clear message when another tab or person got there first.
 */
export function useAct(runId: string, revision: number) {
  const { engine } = useWorkspace();
  const i18n = useI18n();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  // A run's actions share a topic: one that goes through answers the refusals before it.
  const topic = `act:${runId}`;
  const act = useCallback(
    async (
      action: RunAction,
      success: MessageKey | ((next: RunContext) => MessageKey),
    ): Promise<boolean> => {
      // The control that sent it is disabled while it runs, which drops focus: give it back.
      const origin = focusedElement();
      const section = origin?.closest('section, form') ?? null;
      setBusy(true);
      try {
        const result = await engine.apply(runId, action, { expectedRevision: revision });
        if (result.ok) {
          // A User Timing mark: the benchmark measures from here to the board's repaint.
          performance.mark('strategy-board:committed', {
            detail: { type: action.type, revision: result.revision },
          });
          publishRunUpdate(runId, {
            revision: result.revision,
            prevHash: result.record.prevHash,
            headHash: result.record.hash,
            context: result.snapshot.context,
          });
          const said = typeof success === 'function' ? success(result.snapshot.context) : success;
          toast.show(i18n.t(said), 'success', topic);
          return true;
        }
        const problems = result.refusal.problems.map((p) => `• ${i18n.problem(p)}`).join('\n');
        const refused = [i18n.refusal(result.refusal), problems].filter(Boolean).join('\n');
        toast.show(refused, 'error', topic);
        return false;
      } catch (error) {
        const message =
          error instanceof ConflictError
            ? i18n.t('ui.error.conflict')
            : isQuotaError(error)
              ? i18n.t('ui.error.quota')
              : i18n.t('ui.error.generic', { detail: (error as Error).message });
        toast.show(message, 'error', topic);
        return false;
      } finally {
        setBusy(false);
        // A control the action disabled (a form emptied: its first field, for the next entry) or
        // removed (a panel replaced: the open stage's heading), never the top of the page.
        returnFocus(origin, () => firstField(section) ?? document.getElementById(STAGE_HEADING_ID));
      }
    },
    [engine, runId, revision, toast, i18n, topic],
  );
  return { act, busy };
}
