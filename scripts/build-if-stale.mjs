// Compiles src/ and commands/ to dist/ when dist/ is missing or older than a source file; otherwise does nothing.
// Runs on `npm ci` (prepare), inside `npm start` (scripts/start.mjs, same process) and before the tests, so the
// compiled bot is never stale. `--force` (npm run build) compiles from an empty dist/.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = new URL('..', import.meta.url).pathname;
const STAMP = join(ROOT, 'dist', '.build-stamp');
/** What `npm run cli` runs (see bundleCli): the loader, the bundle it runs, and the bundle's V8 code cache. */
const CLI_BUNDLE = join(ROOT, 'dist', 'cli.mjs');
const CLI_CODE = join(ROOT, 'dist', 'cli-bundle.cjs');
const CLI_CACHE = join(ROOT, 'dist', 'cli-bundle.cjs.cache');
const INPUTS = [
  'src',
  'commands',
  'tsconfig.json',
  'tsconfig.build.json',
  'package-lock.json',
  'scripts/cli-loader.mjs',
  'scripts/cli-code-cache.mjs',
];

/** The newest modification time under `path` (a file or a folder of files). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let t = 0;
  for (const name of readdirSync(path)) t = Math.max(t, newest(join(path, name)));
  return t;
}

/** Builds dist/ if it is missing or stale (always with `force`); resolves to 0, or the failing exit code. */
export async function ensureBuilt({ force = false } = {}) {
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
  await bundleCli();
  // The stamp carries the build's start time, so a file saved during the build counts as newer.
  writeFileSync(STAMP, `${new Date(started).toISOString()}\n`);
  utimesSync(STAMP, new Date(started), new Date(started));
  return 0;
}

/**
 * Writes the one-shot CLI that `npm run cli` runs: dist/cli-bundle.cjs, dist/src/cli.js and everything it imports as
 * one CommonJS file, bundled by esbuild, so a one-shot answer does not resolve and load some 200 modules one by one;
 * dist/cli.mjs, which runs it (scripts/cli-loader.mjs); and dist/cli-bundle.cjs.cache, the V8 code cache of the
 * bundle after a real answer (see makeCodeCache). pino and undici stay outside: pino starts its transports from
 * files, and undici loads only at a source check. Without esbuild, cli.mjs just imports dist/src/cli.js.
 */
async function bundleCli() {
  rmSync(CLI_CODE, { force: true });
  rmSync(CLI_CACHE, { force: true });
  let esbuild;
  try {
    esbuild = createRequire(import.meta.url)('esbuild');
  } catch {
    writeFileSync(CLI_BUNDLE, "import './src/cli.js';\n");
    return;
  }
  const out = await esbuild.build({
    entryPoints: [join(ROOT, 'dist', 'src', 'cli.js')],
    write: false,
    outfile: CLI_CODE,
    bundle: true,
    platform: 'node',
    // CommonJS, so that dist/cli.mjs can compile it with vm.Script and a code cache (Node 20 caches no ES module).
    format: 'cjs',
    target: 'node20',
    // import() becomes require(), which vm.Script runs without an experimental import hook. Only undici (CommonJS)
    // is imported this way, at a source check.
    supported: { 'dynamic-import': false },
    // Loaded from node_modules as they are: native code (resvg), optional native parts (pg), and big libraries a
    // one-shot answer loads only when it draws a chart.
    external: ['undici', 'pino', 'pino-pretty', '@resvg/resvg-js', 'pg', 'pg-native', 'echarts'],
    // The modules find files (fonts, migrations) and require packages from where they are: the bundle's own URL.
    define: { 'import.meta.url': '__cliBundleUrl' },
    // "use strict" first: esbuild's own comes after the banner, where it is no directive, and the modules were
    // written (and are tested) as strict ES modules.
    banner: { js: '"use strict";var __cliBundleUrl = require(\'node:url\').pathToFileURL(__filename).href;' },
    // Less source to read at each start (the code cache spares compiling it, not reading it): no comments or
    // indentation (names are kept, so stack traces still name functions), and zod's English messages alone.
    minifyWhitespace: true,
    plugins: [zodEnglishOnly],
    logLevel: 'warning',
  });
  // esbuild already writes strings in ASCII; the few other characters left (in regular expressions)
  // become \u escapes, which mean the same there, so the loader reads the file as latin1 without decoding UTF-8.
  const text = out.outputFiles[0].text.replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  // The cache file starts with this line too; padded so that the V8 data after it starts 8-byte aligned, which V8
  // then reads in place instead of copying it.
  const digest = `// trade-brief one-shot CLI bundle ${createHash('sha256').update(text).digest('hex')}`;
  const stamp = digest.padEnd(Math.ceil((digest.length + 1) / 8) * 8 - 1, ' ');
  writeFileSync(CLI_CODE, `${stamp}\n${text}`);
  copyFileSync(join(ROOT, 'scripts', 'cli-loader.mjs'), CLI_BUNDLE);
  makeCodeCache(stamp);
}

/**
 * zod's `locales` namespace (59 languages besides English, 400 KB) stands for a namespace with English alone: the
 * bot configures no other language, and zod sets English itself from its own module (locales/en.js).
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (a) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(a.importer)
        ? { path: join(a.resolveDir, '..', 'locales', 'index.js'), namespace: 'zod-english-only' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (a) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: dirname(a.path),
      loader: 'js',
    }));
  },
};

/**
 * Answers `brief` once with the bundle (on a store made from the seed in a temp folder) and keeps V8's code cache
 * of it, stamped with the bundle's first line, as dist/cli-bundle.cjs.cache. If that fails, there is no cache and
 * the CLI compiles the bundle from its source: a warning, not a failed build.
 */
function makeCodeCache(stamp) {
  const seed = join(ROOT, 'data', 'seed.json');
  const sources = join(ROOT, 'data', 'sources.json');
  const warn = (why) =>
    process.stderr.write(`build: no code cache for dist/cli.mjs (${why}); it still works, slower.\n`);
  if (!existsSync(seed) || !existsSync(sources))
    return warn('data/seed.json or data/sources.json is missing');
  const dir = mkdtempSync(join(tmpdir(), 'trade-brief-code-cache-'));
  try {
    const env = {
      PATH: process.env.PATH ?? '',
      DB_FILE: join(dir, 'store.db.json'),
      SEED_FILE: seed,
      SOURCES_FILE: sources,
      TIME_ZONE: 'UTC',
      LOG_LEVEL: 'warn',
      CLI_CODE_CACHE_FILE: join(dir, 'cache'),
    };
    const run = (pre) =>
      spawnSync(process.execPath, [...pre, CLI_BUNDLE, 'brief', '--now', '2026-03-12T09:00:00Z'], {
        cwd: dir, // no .env of this checkout
        env,
        stdio: ['ignore', 'ignore', 'pipe'],
        encoding: 'utf8',
      });
    // The first answer makes the store from the seed; the second is the read-only answer a one-shot usually is.
    for (const pre of [[], ['--import', join(ROOT, 'scripts', 'cli-code-cache.mjs')]]) {
      const r = run(pre);
      if (r.status !== 0) return warn(`brief exited ${r.status}: ${r.stderr.trim().slice(0, 500)}`);
    }
    const data = readFileSync(join(dir, 'cache'));
    writeFileSync(CLI_CACHE, Buffer.concat([Buffer.from(`${stamp}\n`, 'latin1'), data]));
  } catch (err) {
    warn(err instanceof Error ? err.message : String(err));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  process.exit(await ensureBuilt({ force: process.argv.includes('--force') }));
