/**
 * Fan-out (issue 13): one 09:00 digest round to N Slack channels, then to N Discord channels, through the real
 * Slack app and discord.js client against the strict emulators (Slack: about one post a second per channel,
 * 429 + Retry-After; Discord: 50 requests a second, 5 posts per channel per 5 s, 429 + retry_after and
 * X-RateLimit headers), each answer delayed by 50 ms. Each platform is run one post after another (concurrency 1,
 * the scheduler before issue 13) and then at the scheduler's default limits, in the same run. Posts are counted
 * at the emulator, not by the bot.
 */
import { DEFAULT_FAN_OUT } from '../src/schedule/fan-out.js';
import { type FanOutPlatform, type FanOutRun, fanOutRun } from '../tests/helpers/fan-out.js';
import { table } from './platform-table.js';

export const FAN_OUT_LATENCY_MS = 50;
/** Targets from issue 13: every digest posted within this long at the default limits. */
export const FAN_OUT_TARGET_MS: Readonly<Record<FanOutPlatform, number>> = { slack: 15_000, discord: 25_000 };
/** "No 429 storm": at most this share of the posts refused with a 429. */
export const STORM_SHARE = 0.01;

export interface FanOutRow {
  readonly platform: FanOutPlatform;
  readonly concurrency: number;
  readonly channels: number;
  readonly run: Omit<FanOutRun, 'emu' | 'posts' | 'ledger'> & { readonly exactlyOnce: number };
}

/** Runs both platforms, sequential first, then concurrent. */
export async function benchFanOut(o: {
  channels: number;
  progress?: (line: string) => void;
}): Promise<FanOutRow[]> {
  const rows: FanOutRow[] = [];
  for (const platform of ['slack', 'discord'] as const)
    for (const concurrency of [1, DEFAULT_FAN_OUT[platform] ?? 1]) {
      o.progress?.(`fan-out: ${o.channels} ${platform} channels, ${concurrency} in flight`);
      const {
        emu: _e,
        posts,
        ledger: _l,
        ...run
      } = await fanOutRun({
        platform,
        channels: o.channels,
        latencyMs: FAN_OUT_LATENCY_MS,
        concurrency,
      });
      const exactlyOnce = [...posts.values()].filter((keys) => keys.length === 1).length;
      rows.push({ platform, concurrency, channels: o.channels, run: { ...run, exactlyOnce } });
    }
  return rows;
}

const s = (ms: number) => (ms / 1000).toFixed(1);

/** The table of the runs; `checks` receives each target's outcome (concurrent runs only). */
export function fanOutTable(rows: readonly FanOutRow[], checks: { what: string; ok: boolean }[]): string {
  const body = rows.map((r) => {
    const base = rows.find((b) => b.platform === r.platform && b.concurrency === 1);
    const sequential = r.concurrency === 1;
    const target = FAN_OUT_TARGET_MS[r.platform];
    const storm = r.run.rateLimited > STORM_SHARE * r.channels;
    const ok = r.run.exactlyOnce === r.channels && r.run.ms <= target && !storm;
    if (!sequential)
      checks.push({
        what: `fan-out: ${r.channels} ${r.platform} digests posted once each within ${target / 1000} s, 429s ≤ ${STORM_SHARE * 100}% of posts`,
        ok,
      });
    return [
      r.platform,
      sequential ? '1 (one after another, before issue 13)' : `${r.concurrency} (default)`,
      String(r.channels),
      s(r.run.ms),
      s(r.run.cpuMs),
      base ? `${(base.run.ms / r.run.ms).toFixed(1)}×` : '—',
      `${r.run.exactlyOnce} of ${r.channels}`,
      String(r.run.rateLimited),
      String(r.run.writes),
      sequential ? '—' : `≤ ${target / 1000} s`,
      sequential ? '—' : ok ? 'PASS' : 'FAIL',
    ];
  });
  return table(
    [
      'platform',
      'posts in flight',
      'channels',
      'all posted (s)',
      'CPU (s)',
      'speed-up × sequential',
      'channels with exactly 1 post',
      '429s (limits)',
      'store writes',
      'target',
      'result',
    ],
    body,
  );
}
