import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import type { Clock } from '../../src/domain/time';
import { I18nProvider } from '../../src/i18n/react';
import type { StrategyDb } from '../../src/storage/db';
import { WorkspaceProvider } from '../../src/workspace/workspace';
import { ToastProvider } from '../../src/workspace/toasts';

/** Renders a page of the app, in English, over `db`, as the app's shell provides it. */
export function renderPage(page: ReactNode, db: StrategyDb, clock?: Clock) {
  return render(
    <I18nProvider locale="en">
      <ToastProvider closeLabel="Dismiss" regionLabel="Notifications">
        <WorkspaceProvider locale="en" db={db} {...(clock ? { clock } : {})}>
          <MemoryRouter>{page}</MemoryRouter>
        </WorkspaceProvider>
      </ToastProvider>
    </I18nProvider>,
  );
}
