// `npm test`: everything CI runs, in order, stopping at the first failure.
// `node scripts/test-all.mjs build e2e` runs only the named steps (`npm run test:e2e` does that).
import { spawnSync } from 'node:child_process';
import { findChromium } from './chromium.mjs';

const all = [
  ['typecheck', 'typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['lint', 'lint', 'npx', ['eslint', '.', '--max-warnings=0']],
  ['format', 'format', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']],
  ['unit', 'unit and component tests', 'npx', ['vitest', 'run']],
  ['build', 'build', 'npx', ['vite', 'build', '--logLevel', 'warn']],
  [
    'e2e',
    'end-to-end tests in Chromium',
    'npx',
    ['vitest', 'run', '--config', 'vitest.e2e.config.ts'],
  ],
];
const only = process.argv.slice(2);
const unknown = only.filter((key) => !all.some(([k]) => k === key));
if (unknown.length > 0) {
  console.error(
    `Unknown step ${unknown.join(', ')}; the steps are ${all.map(([k]) => k).join(', ')}.`,
  );
  process.exit(2);
}
const steps = only.length > 0 ? all.filter(([key]) => only.includes(key)) : all;
const env = steps.some(([key]) => key === 'e2e')
  ? { ...process.env, CHROMIUM_PATH: findChromium() }
  : process.env;
for (const [, name, cmd, args] of steps) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
console.log('\nAll checks passed.');
