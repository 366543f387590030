// dist/cli.mjs, copied here by scripts/build-if-stale.mjs: runs the one-shot CLI bundle (dist/cli-bundle.cjs) with
// the V8 code cache the build made for it (dist/cli-bundle.cjs.cache), so a one-shot answer skips most of compiling
// 1.4 MB of JavaScript. The cache is only read, never written here. It is used when its first line names this very
// bundle (the build stamps both with the bundle's digest) and when V8 accepts it (same V8 version and flags);
// otherwise the bundle is compiled from its source, with the same result, only slower.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const bundle = fileURLToPath(new URL('./cli-bundle.cjs', import.meta.url));
const require = createRequire(bundle);

/** The cache's V8 data when its first line is the bundle's first line (its build stamp), else undefined. */
function cachedDataFor(source) {
  let data;
  try {
    data = readFileSync(`${bundle}.cache`);
  } catch {
    return undefined; // no cache (or unreadable): compile from the source
  }
  const stampEnd = source.indexOf('\n');
  const stamp = data.indexOf(10);
  if (stampEnd < 0 || stamp !== stampEnd || data.toString('latin1', 0, stamp) !== source.slice(0, stampEnd))
    return undefined;
  return data.subarray(stamp + 1);
}

// The build writes the bundle in ASCII, so latin1 reads it exactly, without UTF-8 decoding. The bundle has no
// import() (the build turns it into require()), so the script needs no dynamic-import hook.
const source = readFileSync(bundle, 'latin1');
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
  filename: bundle,
  cachedData: cachedDataFor(source),
});
// The build's cache maker (scripts/cli-code-cache.mjs) reads the compiled script from here once the answer is out.
globalThis[Symbol.for('trade-brief.cli-script')] = script;
const module = { exports: {}, filename: bundle, id: bundle };
script.runInThisContext()(module.exports, require, module, bundle, dirname(bundle));
