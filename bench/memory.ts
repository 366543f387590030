/**
 * Memory (issue 11): the compiled bot's footprint over a store of N events, each size in a fresh child process
 * (`bench/memory-child.mjs` under `node --expose-gc`), so the bench's own data (the generated seed) is never
 * counted. For each size: the synthetic seed (bench/synthetic.ts) is written as the seed file, a first start
 * creates the store from it, and a second start is measured: the store opened from its file, the timeline
 * built, six commands answered, one scheduler round run (it writes the cursor), the commands answered again.
 * `npx tsx bench/memory.ts [sizes...]` runs this part alone (default 0 10000 100000 synthetic events).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDistBuilt } from './compiled-app.js';
import { type BenchSeeds, benchSeeds } from './synthetic.js';

const ROOT = new URL('..', import.meta.url).pathname;
const CHILD = join(ROOT, 'bench', 'memory-child.mjs');
/** The issue's targets: RSS of the running bot, MB, by store size. */
export const RSS_TARGETS_MB: ReadonlyMap<number, number> = new Map([
  [10_000, 150],
  [100_000, 350],
]);

export interface Reading {
  readonly rss: number;
  readonly heapUsed: number;
  readonly external: number;
  readonly arrayBuffers: number;
}

/** Readings after a full GC at each step of one child (see bench/memory-child.mjs). */
export interface MemoryRow {
  readonly events: number;
  readonly items: number;
  readonly fileMb: number;
  readonly readings: Readonly<
    Record<'node' | 'modules' | 'opened' | 'timeline' | 'answered' | 'running', Reading>
  >;
}

function runChild(stage: 'prepare' | 'measure', env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', CHILD, stage], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`memory child (${stage}) exited ${code}`)),
    );
  });
}

/** One fresh bot per size, measured in its own process. */
export async function benchMemory(o: {
  sizes: readonly number[];
  /** The events, when the caller generated them already (at least the largest size). */
  seeds?: BenchSeeds;
  progress?: (line: string) => void;
}): Promise<MemoryRow[]> {
  ensureDistBuilt(ROOT);
  const seeds = o.seeds ?? (await benchSeeds(Math.max(...o.sizes)));
  const rows: MemoryRow[] = [];
  for (const n of o.sizes) {
    const dir = await mkdtemp(join(tmpdir(), 'trade-brief-bench-memory-'));
    try {
      const seedFile = join(dir, 'seed.json');
      const text = JSON.stringify(seeds.seed(Math.max(n, seeds.realEvents)));
      await writeFile(seedFile, text);
      const env = {
        ...process.env,
        DB_FILE: join(dir, 'store.db.json'),
        SEED_FILE: seedFile,
        SOURCES_FILE: join(ROOT, 'data', 'sources.json'),
        SOURCES_ENABLED: 'false',
        TIME_ZONE: 'UTC',
        SLACK_BOT_TOKEN: '',
        SLACK_APP_TOKEN: '',
        DISCORD_TOKEN: '',
        WEB_PORT: '',
        LOG_LEVEL: 'error',
      };
      await runChild('prepare', env);
      const line = (await runChild('measure', env)).trim().split('\n').at(-1) ?? '';
      const { items, readings } = JSON.parse(line) as Pick<MemoryRow, 'items' | 'readings'>;
      rows.push({ events: Math.max(n, seeds.realEvents), items, fileMb: text.length / 2 ** 20, readings });
      o.progress?.(`memory: ${n.toLocaleString('en-US')} events done`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

/** How the memory figures are made, for BENCHMARKS.md. */
export const MEMORY_NOTE = `Each size runs \`bench/memory-child.mjs\` in a fresh \`node --expose-gc\` process over the compiled
bot (\`dist/\`). The synthetic events are written as the seed file, and a first start creates the store from them,
as an operator's first start would. A second start is then measured through \`start()\`, the bot's composition root.
It opens the store from its file (lock, JSON, migrations, zod validation), builds the timeline, and answers six
commands: \`brief\`, \`events\`, \`deadlines days:30\`, \`tariffs china\`, a text search that matches and one that
matches nothing, and \`review\`. It then runs one scheduler round, which writes the cursor and so rebuilds the
timeline, and loads what the source watcher's first check loads (undici, the feed and XML parsers; the machine has no
network to check against). Finally it answers the six commands again. Each reading comes after two full GCs.
"running" is the last reading. "Heap growth over modules" is the heap in use then, minus the heap once the modules
were loaded. The store file is about 400 bytes an event (40 MB at 100,000).`;

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const count = (n: number) => n.toLocaleString('en-US');

/** The markdown table, the heap growth per event between the two largest sizes, and the failed targets. */
export function memoryTable(rows: readonly MemoryRow[]): { md: string; failed: string[] } {
  const failed: string[] = [];
  const lines = rows.map((r) => {
    const x = r.readings;
    const target = RSS_TARGETS_MB.get(r.events);
    const ok = target === undefined ? undefined : x.running.rss / 2 ** 20 <= target;
    if (ok === false)
      failed.push(
        `memory: RSS at ${count(r.events)} events is ${mb(x.running.rss)} MB (target ≤ ${target} MB)`,
      );
    return `| ${count(r.events)} | ${mb(x.node.rss)} | ${mb(x.modules.rss)} | ${mb(x.opened.rss)} | ${mb(x.answered.rss)} | ${mb(x.running.rss)} | ${mb(x.running.heapUsed)} | ${mb(x.running.heapUsed - x.modules.heapUsed)} | ${mb(x.running.external)} | ${target === undefined ? '—' : `≤ ${target} MB`} | ${ok === undefined ? '—' : ok ? 'PASS' : 'FAIL'} |`;
  });
  const sorted = [...rows].sort((a, b) => a.events - b.events);
  const [a, b] = sorted.slice(-2);
  const perEvent =
    a && b && b.events > a.events
      ? `Heap growth per event (running bot, between ${count(a.events)} and ${count(b.events)} events): ${(
          (b.readings.running.heapUsed - a.readings.running.heapUsed) / (b.events - a.events)
        ).toFixed(
          0,
        )} bytes; RSS growth per event: ${((b.readings.running.rss - a.readings.running.rss) / (b.events - a.events)).toFixed(0)} bytes.`
      : '';
  const md = `| events | RSS: node | + modules | + store open | + timeline, answers | running (after a round) | heap used | heap growth over modules | external | target | |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${lines.join('\n')}

${perEvent}`;
  return { md, failed };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv.slice(2).map(Number);
  const rows = await benchMemory({
    sizes: sizes.length ? sizes : [0, 10_000, 100_000],
    progress: (l) => process.stderr.write(`${l}\n`),
  });
  const { md, failed } = memoryTable(rows);
  process.stdout.write(`${md}\n${failed.length ? failed.map((f) => `FAIL: ${f}`).join('\n') : 'All PASS'}\n`);
}
