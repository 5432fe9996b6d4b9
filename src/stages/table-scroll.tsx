import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/react';

/**
 * A table's box, scrolling sideways when the table is wider than the page (a phone, a tablet in
 * English). Only then is it a named region in the tab order, so the keyboard can scroll it too.
 */
export function TableScroll({
  name,
  className = 'report-table-wrap',
  kind = 'table',
  children,
}: {
  name: string;
  /** The box's class: the report's by default; a card elsewhere. */
  className?: string;
  /** What scrolls: a table, or a chart (the task timeline). */
  kind?: 'table' | 'chart';
  children: ReactNode;
}) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const measure = () => setScrolls(element.scrollWidth > element.clientWidth + 1);
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={box}
      className={className}
      role={scrolls ? 'region' : undefined}
      aria-label={scrolls ? t(`ui.scroll.${kind}`, { name }) : undefined}
      tabIndex={scrolls ? 0 : undefined}
    >
      {children}
    </div>
  );
}
