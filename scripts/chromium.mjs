// Finds Debian's Chromium for the browser tests and benchmarks. Never downloads a browser:
// CHROMIUM_PATH, else /usr/bin/chromium; when missing and running as root, installs Debian's
// package; otherwise stops with how to install it.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

export function findChromium({ install = true } = {}) {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ].filter(Boolean);
  const found = candidates.find((p) => existsSync(p));
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (install && isRoot) {
    console.log(
      "Chromium not found: installing Debian's chromium package (apt-get install -y chromium)…",
    );
    execSync(
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
      {
        stdio: 'inherit',
      },
    );
    if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  }
  console.error(
    'The browser tests need Chromium and none was found.\n' +
      "  Install Debian's package:   sudo apt-get install -y chromium\n" +
      '  or point to a Chromium:      CHROMIUM_PATH=/path/to/chromium npm test',
  );
  process.exit(1);
}

/** Launch flags that work in this sandbox (no GPU, no network chatter, no first-run UI). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

if (import.meta.url === `file://${process.argv[1]}`) console.log(findChromium());
