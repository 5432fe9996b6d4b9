import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { StrategyDb } from '../storage/db';
import { App, preloadPage } from './app';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// The database opens while React starts, not after its first render. A failure to open is
// reported by the workspace, which waits for the same open.
const db = new StrategyDb();
db.open().catch(() => undefined);
preloadPage(db, location.pathname);
createRoot(root).render(
  <StrictMode>
    <App db={db} />
  </StrictMode>,
);
