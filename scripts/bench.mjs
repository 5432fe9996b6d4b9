// `npm run bench`: engine benchmarks in Node, then UI benchmarks in Chromium.
// One JSON object per line on stdout: {"metric", "value", "unit", ...}.
import { spawnSync } from 'node:child_process';

const run = (cmd, args) => {
  const result = spawnSync(cmd, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
run('npx', ['tsx', 'test/bench/engine.bench.ts']);
run('node', ['test/bench/ui.bench.mjs']);
run('node', ['test/bench/portfolio.bench.mjs']);
