/**
 * Benchmark baseline (test/bench/portfolio.bench.mjs): React Flow mounting 450 default nodes, no
 * data, no custom node types. The portfolio board's first paint is compared with this page's, in
 * the same Chromium, so the ratio says what the portfolio costs beyond React Flow itself.
 */
import { createRoot } from 'react-dom/client';
import { ReactFlow, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';

const COLUMNS = 30;
const nodes: Node[] = Array.from({ length: 450 }, (_, i) => ({
  id: `n${i}`,
  position: { x: (i % COLUMNS) * 180, y: Math.floor(i / COLUMNS) * 80 },
  data: { label: `Node ${i + 1}` },
}));

createRoot(document.getElementById('root')!).render(
  <div style={{ width: '100vw', height: '100vh' }}>
    <ReactFlow nodes={nodes} fitView />
  </div>,
);
