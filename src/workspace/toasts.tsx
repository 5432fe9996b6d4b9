import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { focusPageHeading } from './page-focus';

export type ToastKind = 'info' | 'success' | 'error';
interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
  /** What the toast reports on; a success clears the errors of the same topic only. */
  topic: string | undefined;
}

interface Toaster {
  /**
   * `topic` ties a success to the errors it answers: a run's action retried and done clears the
   * refusals of that run's actions, never an unrelated error (a draft that could not be saved).
   */
  show(text: string, kind?: ToastKind, topic?: string): void;
}

const ToastContext = createContext<Toaster>({ show: () => {} });

/** How long a success or note stays once nobody is looking at the toasts. */
const TOAST_MS = 6000;

/**
 * Short, visible feedback for saves, submissions and decisions; errors stay until dismissed or
 * until a later success of the same topic.
 */
export function ToastProvider({
  children,
  closeLabel,
  regionLabel,
}: {
  children: ReactNode;
  closeLabel: string;
  /** The name of the toasts' landmark ("Notifications"). */
  regionLabel: string;
}) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  // While the pointer or focus is on the toasts, none of them goes away (WCAG 2.2.1): a person
  // reading one, or about to dismiss it, keeps it; leaving gives each a fresh few seconds.
  const [paused, setPaused] = useState(false);
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), []);
  /** Where focus was before it came to the toasts: it goes back there once they are dismissed. */
  const cameFrom = useRef<HTMLElement | null>(null);
  const show = useCallback((text: string, kind: ToastKind = 'success', topic?: string) => {
    const id = next.current++;
    // A toast replaces the earlier ones of its topic (a success answers a refusal retried or
    // room freed; one more role changed replaces "roles updated"): they go rather than pile up.
    const answered = (t: Toast) => topic !== undefined && t.topic === topic;
    setToasts((ts) => [...ts.filter((t) => !answered(t)).slice(-3), { id, kind, text, topic }]);
  }, []);
  // Errors stay until dismissed; the others leave after a while, unless paused.
  const passingKey = toasts
    .filter((t) => t.kind !== 'error')
    .map((t) => t.id)
    .join(',');
  useEffect(() => {
    if (paused || passingKey === '') return;
    const timers = passingKey
      .split(',')
      .map((id) => setTimeout(() => dismiss(Number(id)), TOAST_MS));
    return () => timers.forEach(clearTimeout);
  }, [paused, passingKey, dismiss]);
  const value = useMemo(() => ({ show }), [show]);
  const toast = (t: Toast) => (
    <div
      key={t.id}
      className={`toast toast-${t.kind}`}
      role={t.kind === 'error' ? 'alert' : undefined}
    >
      <span className="pre-wrap">{t.text}</span>
      <button
        type="button"
        aria-label={closeLabel}
        onClick={(event) => {
          dismiss(t.id);
          // Dismissed from the keyboard, the focused button goes with its toast and no blur
          // follows: the others would stay for good. A pointer still over them leaves later.
          if (event.detail !== 0) return;
          setPaused(false);
          // Focus goes to the next toast's button, else back to where it came from.
          const button = event.currentTarget;
          const next =
            [...(button.closest('.toasts')?.querySelectorAll('button') ?? [])].find(
              (other) => other !== button,
            ) ?? (cameFrom.current?.isConnected ? cameFrom.current : null);
          requestAnimationFrame(() => (next ? next.focus() : focusPageHeading()));
        }}
      >
        ×
      </button>
    </div>
  );
  return (
    <ToastContext.Provider value={value}>
      {children}
      {/* A landmark, so the dismiss buttons are easy to reach. Errors are alerts of their own,
          outside the polite region: inside it they would be announced twice. */}
      <section
        className="toasts"
        aria-label={regionLabel}
        onPointerEnter={() => setPaused(true)}
        onPointerLeave={() => setPaused(false)}
        onFocus={(event) => {
          setPaused(true);
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) {
            cameFrom.current = event.relatedTarget as HTMLElement | null;
          }
        }}
        onBlur={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setPaused(false);
        }}
      >
        <div className="toast-stack" role="status" aria-atomic="false">
          {toasts.filter((t) => t.kind !== 'error').map(toast)}
        </div>
        <div className="toast-stack">{toasts.filter((t) => t.kind === 'error').map(toast)}</div>
      </section>
    </ToastContext.Provider>
  );
}

export function useToast(): Toaster {
  return useContext(ToastContext);
}
