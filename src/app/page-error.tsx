import { Component, type ReactNode } from 'react';

/**
 * Catches an error thrown while a page renders (a database read that failed, a bug) and shows it
 * with a way on, instead of leaving the whole window blank. The header stays usable; `resetKey`
 * (the path) clears the error when the person goes to another page.
 */
export class PageErrorBoundary extends Component<
  { children: ReactNode; resetKey: string; message: (detail: string) => string; reload: string },
  { error: Error | null; key: string }
> {
  override state = { error: null as Error | null, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(
    props: { resetKey: string },
    state: { error: Error | null; key: string },
  ) {
    return props.resetKey === state.key ? null : { error: null, key: props.resetKey };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <main className="app-main">
        <div role="alert" className="stack">
          <p>{this.props.message(error.message)}</p>
          <p>
            <button type="button" className="btn btn-primary" onClick={() => location.reload()}>
              {this.props.reload}
            </button>
          </p>
        </div>
      </main>
    );
  }
}
