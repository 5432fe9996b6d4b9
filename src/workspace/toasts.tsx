import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';

export type ToastKind = 'info' | 'success' | 'error';
interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
}

interface Toaster {
  show(text: string, kind?: ToastKind): void;
}

const ToastContext = createContext<Toaster>({ show: () => {} });

/**
 * Short, visible feedback for saves, submissions and decisions; errors stay until dismissed or
 * until a later action succeeds.
 */
export function ToastProvider({
  children,
  closeLabel,
}: {
  children: ReactNode;
  closeLabel: string;
}) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), []);
  const show = useCallback(
    (text: string, kind: ToastKind = 'success') => {
      const id = next.current++;
      // Something went through: the errors before it are answered (a refusal retried, room
      // freed), so they go rather than sit beside the success.
      setToasts((ts) => [
        ...(kind === 'success' ? ts.filter((t) => t.kind !== 'error') : ts).slice(-3),
        { id, kind, text },
      ]);
      if (kind !== 'error') setTimeout(() => dismiss(id), 6000);
    },
    [dismiss],
  );
  const value = useMemo(() => ({ show }), [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((t) => (
          <div
            key={t.id}
            className={`toast toast-${t.kind}`}
            role={t.kind === 'error' ? 'alert' : undefined}
          >
            <span className="pre-wrap">{t.text}</span>
            <button type="button" aria-label={closeLabel} onClick={() => dismiss(t.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): Toaster {
  return useContext(ToastContext);
}
