import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CompiledBot, startCompiled } from './compiled-bot.js';

/** The value of one sample line of Prometheus text, e.g. `name{a="b"}`; undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

interface Health {
  store: unknown;
  scheduler: { lastTick: string; pendingPosts: number };
  platforms: Record<string, boolean>;
}

const poll = async <T>(what: string, f: () => Promise<T | undefined>, ms = 30_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

describe('WEB_PORT on the compiled bot in a terminal', () => {
  let bot: CompiledBot;
  let dir: string;
  let base = '';
  const get = (path: string, init?: RequestInit) => fetch(`${base}${path}`, init);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trade-brief-web-'));
    // The terminal is subscribed on first start (digest at 08:00 UTC): ten seconds later it comes due.
    bot = startCompiled({ DB_FILE: join(dir, 'store.db.json'), WEB_PORT: '0', HEALTH_MAX_TICK_AGE: '3' }, [
      '--now',
      '2026-11-26T07:59:50Z',
    ]);
    const m = await bot.waitFor(/web: listening on (http:\/\/127\.0\.0\.1:\d+)/);
    base = m[1] as string;
  }, 30_000);

  afterAll(async () => {
    await bot?.stop('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('/healthz: 200 with the store, the scheduler and the terminal once a round has run', async () => {
    // Right after start /healthz is already 200 (the first round is not yet overdue): wait for a round to be in it.
    const body = await poll('a healthy /healthz after a round', async () => {
      const res = await get('/healthz');
      const b = res.status === 200 ? ((await res.json()) as Health) : undefined;
      return b?.scheduler.lastTick ? b : undefined;
    });
    expect(body.store).toEqual({
      open: true,
      path: join(dir, 'store.db.json'),
      revision: expect.any(Number),
    });
    expect(Date.parse(body.scheduler.lastTick)).toBeGreaterThan(Date.now() - 60_000);
    expect(body.scheduler.pendingPosts).toBe(0);
    expect(body.platforms).toEqual({ console: true });
  });

  it('/metrics counts the commands typed and the digest posted', async () => {
    bot.child.stdin?.write('brief\ndeadlines days:0\nbrief\nremove no-such-item\n');
    await bot.waitFor(/Daily trade digest/, 40_000);
    const text = await poll('metrics with the digest and four commands', async () => {
      const t = await (await get('/metrics')).text();
      const done = sample(t, 'trade_brief_deliveries_total{platform="console",kind="digest",outcome="sent"}');
      const typed = sample(
        t,
        'trade_brief_command_duration_seconds_count{command="remove",platform="console"}',
      );
      return done === 1 && typed === 1 ? t : undefined;
    });
    expect(sample(text, 'trade_brief_commands_total{command="brief",platform="console",outcome="ok"}')).toBe(
      2,
    );
    expect(
      sample(text, 'trade_brief_commands_total{command="deadlines",platform="console",outcome="refused"}'),
    ).toBe(1);
    expect(
      sample(text, 'trade_brief_commands_total{command="remove",platform="console",outcome="refused"}'),
    ).toBe(1);
    expect(
      sample(text, 'trade_brief_command_duration_seconds_count{command="brief",platform="console"}'),
    ).toBe(2);
    expect(sample(text, 'trade_brief_scheduler_ticks_total')).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'trade_brief_store_write_duration_seconds_count')).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'trade_brief_store_size_bytes')).toBeGreaterThan(100_000);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).toContain('# TYPE trade_brief_source_checks_total counter');
  }, 60_000);

  it('/healthz turns 503 when no round ran within HEALTH_MAX_TICK_AGE, and 200 again after the next', async () => {
    // Rounds run every 15 s; with a 3 s limit the gap between two rounds is a real stall of the scheduler.
    const sick = await poll('503', async () => {
      const res = await get('/healthz');
      return res.status === 503 ? ((await res.json()) as { problems: string[]; status: string }) : undefined;
    });
    expect(sick.status).toBe('unhealthy');
    expect(sick.problems.join(' ')).toMatch(/no scheduler round for \d+ s \(limit 3 s\)/);
    await poll('200 again', async () => ((await get('/healthz')).status === 200 ? true : undefined));
  }, 60_000);

  it('answers 404 elsewhere and 405 to other methods, and survives garbage on the socket', async () => {
    expect((await get('/')).status).toBe(404);
    expect((await get('/healthz/../etc/passwd')).status).toBe(404);
    const post = await get('/metrics', { method: 'POST', body: 'x'.repeat(100_000) });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const port = Number(new URL(base).port);
    await new Promise<void>((resolve) => {
      const s = connect(port, '127.0.0.1', () => s.end('\u0000\u001b[2J NOT HTTP\r\n\r\n'));
      s.on('close', () => resolve());
      s.on('error', () => resolve());
      s.resume();
    });
    expect((await get('/metrics')).status).toBe(200);
    expect(bot.child.exitCode).toBeNull();
  });
});
