import { useEffect } from 'react';
import { Link } from 'react-router';

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
