import { existsSync } from 'node:fs';
import { build, preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

let server: PreviewServer | undefined;

/** Serves the production build on a free port for every browser test. */
export default async function setup(project: TestProject) {
  // E2E_DIST lets several people (or agents) test their own build side by side.
  const outDir = process.env.E2E_DIST ?? 'dist';
  if (process.env.E2E_DIST || !existsSync(`${outDir}/index.html`)) {
    await build({ logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  }
  server = await preview({
    build: { outDir },
    preview: { port: 0, strictPort: false, host: '127.0.0.1' },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  project.provide('baseUrl', url.replace(/\/$/, ''));
  return async () => {
    await server?.close();
  };
}
