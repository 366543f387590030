// Compiles src/ and commands/ to dist/ when dist/ is missing or older than a source file; otherwise does nothing.
// Runs on `npm ci` (prepare), inside `npm start` (scripts/start.mjs, same process) and before the tests, so the
// compiled bot is never stale. `--force` (npm run build) compiles from an empty dist/.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = new URL('..', import.meta.url).pathname;
const STAMP = join(ROOT, 'dist', '.build-stamp');
/** The one-shot CLI as one file (see bundleCli); `npm run cli` runs it. */
const CLI_BUNDLE = join(ROOT, 'dist', 'cli.mjs');
const INPUTS = ['src', 'commands', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

/** The newest modification time under `path` (a file or a folder of files). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let t = 0;
  for (const name of readdirSync(path)) t = Math.max(t, newest(join(path, name)));
  return t;
}

/** Builds dist/ if it is missing or stale (always with `force`); returns 0, or the failing exit code. */
export function ensureBuilt({ force = false } = {}) {
  const built = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
  const sources = Math.max(...INPUTS.map((p) => newest(join(ROOT, p))));
  if (built && built >= sources && !force && existsSync(CLI_BUNDLE)) return 0;
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    if (built) return 0; // a production install (no TypeScript) runs what was built
    process.stderr.write(
      'dist/ is missing and TypeScript is not installed: run `npm ci` (with dev dependencies).\n',
    );
    return 1;
  }
  const started = Date.now();
  if (force) rmSync(join(ROOT, 'dist'), { recursive: true, force: true });
  const r = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (r.status !== 0) return r.status ?? 1;
  bundleCli();
  // The stamp carries the build's start time, so a file saved during the build counts as newer.
  writeFileSync(STAMP, `${new Date(started).toISOString()}\n`);
  utimesSync(STAMP, new Date(started), new Date(started));
  return 0;
}

/**
 * Writes dist/cli.mjs: dist/src/cli.js and everything it imports as one file, bundled by esbuild (the one tsx
 * brings), so a one-shot answer does not resolve and load some 200 modules one by one, zod's 60 locales among
 * them (about a quarter of its CPU time). pino and undici stay outside: pino starts its transports from files,
 * and undici loads only at a source check. Without esbuild, cli.mjs just imports dist/src/cli.js.
 */
function bundleCli() {
  let esbuild;
  try {
    esbuild = createRequire(import.meta.url)('esbuild');
  } catch {
    writeFileSync(CLI_BUNDLE, "import './src/cli.js';\n");
    return;
  }
  esbuild.buildSync({
    entryPoints: [join(ROOT, 'dist', 'src', 'cli.js')],
    outfile: CLI_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Loaded from node_modules as they are: native code (resvg), optional native parts (pg), and big libraries a
    // one-shot answer loads only when it draws a chart or reads a calendar.
    external: [
      'undici',
      'pino',
      'pino-pretty',
      '@resvg/resvg-js',
      'pg',
      'pg-native',
      'echarts',
      'ical-generator',
      'ical.js',
    ],
    // Bundled CommonJS packages call require(); an ES module has none, so the bundle makes one.
    banner: {
      js: "import { createRequire as __cliRequire } from 'node:module'; const require = __cliRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exit(ensureBuilt({ force: process.argv.includes('--force') }));
