// `npm start`: rebuilds dist/ only if a source changed (a few ms of stat calls otherwise), then runs the
// compiled bot in this same process, so start-up pays for one node, and signals reach the bot directly.
import { ensureBuilt } from './build-if-stale.mjs';

const code = await ensureBuilt();
if (code !== 0) process.exit(code);
await import('../dist/src/main.js');
