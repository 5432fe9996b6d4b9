import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../i18n/react';

/** A page for something that is not there: what is missing, and the way back to the runs. */
export function Missing({ message, back }: { message: string; back: string }) {
  return (
    <main className="app-main">
      <div className="empty">
        <p>{message}</p>
        <Link to="/">{back}</Link>
      </div>
    </main>
  );
}

/**
 * The tab's title while the page shows, restored when it leaves (null: leave it as it is). The
 * report's title also names the PDF that "Print / PDF" saves.
 */
export function useDocumentTitle(title: string | null): void {
  useEffect(() => {
    if (title === null) return;
    const before = document.title;
    document.title = title;
    return () => {
      document.title = before;
    };
  }, [title]);
}

/** A titled section of a document page (the report, the lineage), named by its heading. */
export function Section({
  kind,
  id,
  title,
  children,
}: {
  /** The page: the section's class and heading id start with it. */
  kind: 'report' | 'lineage';
  id: string;
  title: string;
  children: ReactNode;
}) {
  const headingId = `${kind}-${id}`;
  return (
    <section className={`${kind}-section`} aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}

/**
 * A table's box, scrolling sideways when the table is wider than the page (a phone, a tablet in
 * English). Only then is it a named region in the tab order, so the keyboard can scroll it too.
 */
export function TableScroll({
  name,
  className = 'report-table-wrap',
  children,
}: {
  name: string;
  /** The box's class: the report's by default; a card elsewhere. */
  className?: string;
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
      aria-label={scrolls ? t('ui.scroll.table', { name }) : undefined}
      tabIndex={scrolls ? 0 : undefined}
    >
      {children}
    </div>
  );
}
