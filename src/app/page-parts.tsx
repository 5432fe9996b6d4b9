import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router';

/** A page for something that is not there: what is missing, and the way back to the runs. */
export function Missing({ message, back }: { message: string; back: string }) {
  return (
    <main className="app-main">
      <div className="empty">
        {/* The page's heading: what there is to say about it. */}
        <h1 className="empty-title">{message}</h1>
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
