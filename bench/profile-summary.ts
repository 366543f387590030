/**
 * `npx tsx bench/profile-summary.ts <file.cpuprofile>`: where a bench app's CPU time went, from a profile written
 * with BENCH_CPU_PROF or DISCORD_BENCH_CPU_PROF: self time by owner (our code by folder, each library, Node, the
 * garbage collector) as a share of the busy time (idle left out), then our functions with the most self time.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string };
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Who owns a frame: our folder (src/render, commands…), a package, Node itself, or the VM. */
function owner(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(vm)';
  if (url.startsWith('node:')) return 'node';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  const ours = /\/(src\/[^/]+|commands|bench|tests)\//.exec(url)?.[1];
  return ours ?? 'other';
}

const file = process.argv[2];
if (!file) throw new Error('usage: npx tsx bench/profile-summary.ts <file.cpuprofile>');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const byOwner = new Map<string, number>();
const byFunction = new Map<string, number>();
profile.samples.forEach((id, i) => {
  const node = byId.get(id);
  if (!node) return;
  const { url, functionName } = node.callFrame;
  const who = owner(url, functionName);
  const us = profile.timeDeltas[i] ?? 0;
  byOwner.set(who, (byOwner.get(who) ?? 0) + us);
  if (/^(src\/|commands)/.test(who)) {
    const key = `${functionName || '(anonymous)'} ${url.slice(url.lastIndexOf('/') + 1)}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
});
const busy = [...byOwner].filter(([k]) => k !== '(idle)').reduce((s, [, v]) => s + v, 0);
const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
process.stdout.write(`busy ${(busy / 1e6).toFixed(1)} s (idle left out)\n`);
for (const [k, v] of top(byOwner, 20)) if (k !== '(idle)') process.stdout.write(`${pct(v)}  ${k}\n`);
process.stdout.write('our functions, self time:\n');
for (const [k, v] of top(byFunction, Number(process.env.TOP ?? 15)))
  process.stdout.write(`${pct(v)}  ${k}\n`);
