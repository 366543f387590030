// Build only: `node --import ./scripts/cli-code-cache.mjs dist/cli.mjs <command>` answers the command, then, as the
// process exits, writes the V8 code cache of the CLI bundle to $CLI_CODE_CACHE_FILE. Made after a real answer, the
// cache holds the functions that answer compiled, not only the bundle's top level. build-if-stale.mjs stamps it.
import { writeFileSync } from 'node:fs';

process.on('exit', (code) => {
  const script = globalThis[Symbol.for('trade-brief.cli-script')];
  const file = process.env.CLI_CODE_CACHE_FILE;
  if (code === 0 && script && file) writeFileSync(file, script.createCachedData());
});
