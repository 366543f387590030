// `node --import ./tests/helpers/cli-cache-state.mjs dist/cli.mjs …`: on exit, writes to $CLI_CACHE_STATE_FILE what
// became of the CLI bundle's code cache: "accepted", "rejected" (V8 refused it) or "none" (the loader gave V8 none).
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const script = globalThis[Symbol.for('trade-brief.cli-script')];
  const state =
    script?.cachedDataRejected === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted';
  writeFileSync(process.env.CLI_CACHE_STATE_FILE ?? '/dev/null', script ? state : 'no script');
});
