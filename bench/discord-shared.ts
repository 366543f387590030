/** Settings shared by the Discord bench (bench/discord.ts) and its child processes (bench/discord-child.ts). */

/** The seeded bot's manual clock. */
export const BENCH_NOW_ISO = '2026-03-12T09:00:00Z';
/** How long a child may take to log in and see READY. */
export const READY_TIMEOUT_MS = 30_000;

/** The bare discord.js client that replies 'ok', or our bot. */
export type DiscordKind = 'bare' | 'ours';

/** A child's answer to `'stats'`: its CPU time so far and the errors it saw. */
export interface ChildStats {
  readonly cpuMs: number;
  readonly errors: number;
  readonly firstErrors: readonly string[];
}
