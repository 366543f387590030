import { spawnSync } from 'node:child_process';

/** Vitest global setup: compiles dist/ if a source changed since the last build, so tests of the compiled bot see current code. */
export default function setup(): void {
  const r = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], {
    cwd: new URL('..', import.meta.url).pathname,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('the build failed (npm run build shows why); the tests were not run');
}
