import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createBot } from '../../src/bot.js';
import { manualClock } from '../../src/clock.js';
import { parseConfig } from '../../src/config.js';
import { CONSOLE_CHANNEL } from '../../src/platforms/console.js';
import { renderText } from '../../src/render/text.js';
import { StoreUnavailableError } from '../../src/store/errors.js';
import type { PgStore } from '../../src/store/pg/pg-store.js';
import { health } from '../../src/web/health.js';
import { editor, silentLog } from '../helpers/bot.js';
import { adminQuery, eventually, freshSchema, openTestPgStore, PG_URL } from '../helpers/pg.js';
import { runChild } from '../helpers/run-child.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';
import { ledgerEntry, sampleEvent, seed } from './fixtures/sample.js';
import { ROOT } from './helpers.js';

/** What /healthz says of `store`, everything else healthy. */
const healthOf = (store: PgStore) =>
  health({
    store,
    now: () => 1_000,
    lastTick: () => 1_000,
    pendingPosts: () => 0,
    platforms: () => ({}),
    maxTickAgeMs: 120_000,
    startedAt: 0,
  });

const UNREACHABLE = 'The database is unreachable; changes are refused until it returns. Nothing was changed.';

/** The test database's URL with another host:port (and password), for the proxy or a closed port. */
function via(port: number, password = ''): string {
  const u = new URL(PG_URL);
  u.hostname = '127.0.0.1';
  u.port = String(port);
  if (password) u.password = password;
  return u.toString();
}

describe.skipIf(!PG_URL)('PostgreSQL store: when the database misbehaves', () => {
  const { schema, drop } = freshSchema();
  let proxy: TcpProxy;
  let direct: PgStore;
  let proxied: PgStore;
  beforeAll(async () => {
    const u = new URL(PG_URL);
    proxy = await startTcpProxy(u.hostname, Number(u.port || 5432));
    direct = await openTestPgStore(schema, seed());
    proxied = await openTestPgStore(schema, seed(), { url: via(proxy.port) });
  });
  afterAll(async () => {
    proxy.restore();
    await proxied?.close();
    await direct?.close();
    await proxy?.close();
    await drop();
  });

  it('keeps answering reads while the database is gone, refuses changes clearly, and recovers on its own', async () => {
    const before = proxied.read();
    proxy.cut();
    onTestFinished(() => proxy.restore());
    expect(proxied.read()).toBe(before);
    await expect(proxied.update((d) => void d.ledger.push(ledgerEntry(1)))).rejects.toThrow(UNREACHABLE);
    await expect(proxied.claim([ledgerEntry(2)], Date.now())).rejects.toBeInstanceOf(StoreUnavailableError);
    // /healthz turns unhealthy (503) and says why, while the replica still connected is healthy.
    const down = healthOf(proxied);
    expect(down.healthy).toBe(false);
    expect(down.body.problems).toEqual([
      "the store's database is unreachable: changes are refused and deliveries wait until it returns",
    ]);
    expect(down.body.store).toMatchObject({ open: true, online: false });
    expect(healthOf(direct)).toMatchObject({ healthy: true, body: { store: { online: true } } });
    // A command that changes something says so in one line; one that reads answers from memory.
    const config = parseConfig({ TIME_ZONE: 'UTC', SEED_FILE: join(ROOT, 'data/seed.json') }, 'UTC');
    const bot = createBot(config, proxied, manualClock(Date.parse('2026-03-01T12:00:00Z')), silentLog);
    const refused = await bot.dispatch('subscribe', editor, CONSOLE_CHANNEL);
    expect(refused.tone).toBe('error');
    expect(renderText(refused, { zone: 'UTC' })).toBe(`✖ Sorry, that did not work\n${UNREACHABLE}`);
    const read = await bot.dispatch('deadlines', editor, CONSOLE_CHANNEL);
    expect(read.tone).not.toBe('error');
    // Meanwhile another replica, still connected, changes the store.
    await direct.update((d) => {
      d.events[0] = { ...sampleEvent, title: 'Changed during the outage' };
    });
    expect(proxied.read().events[0]?.title).toBe(sampleEvent.title);
    proxy.restore();
    // Back within the listener's backoff (at most 5 s) plus a reload; then changes go through again.
    await eventually(
      () => proxied.read().events[0]?.title === 'Changed during the outage',
      8000,
      'reload after outage',
    );
    await proxied.update((d) => void d.ledger.push(ledgerEntry(3)));
    expect(healthOf(proxied)).toMatchObject({
      healthy: true,
      body: { problems: [], store: { online: true } },
    });
    await eventually(
      () => direct.read().ledger.some((e) => e.key === 'digest-3'),
      1000,
      'the other replica sees it',
    );
  });

  it('survives its connections being killed (pg_terminate_backend): reads answer, then it listens and writes again', async () => {
    const before = proxied.read();
    const killed = await adminQuery<{ n: string }>(
      'SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()',
      [`trade-brief:${schema}`],
    );
    expect(Number(killed.rows[0]?.n)).toBeGreaterThanOrEqual(2); // both stores' listeners at least
    expect(proxied.read()).toBe(before);
    // Writes may be refused for a moment (a pooled connection found dead), never lost or doubled once accepted.
    let written = false;
    for (let i = 0; i < 50 && !written; i++) {
      written = await proxied
        .update((d) => void d.ledger.push(ledgerEntry(4)))
        .then(
          () => true,
          (error: unknown) => {
            expect(error).toBeInstanceOf(StoreUnavailableError);
            return new Promise<boolean>((r) => setTimeout(() => r(false), 100));
          },
        );
    }
    expect(written).toBe(true);
    // Both listeners are back: an edit through one is seen by the other within a second.
    await eventually(() => direct.read().ledger.some((e) => e.key === 'digest-4'), 6000, 'direct sees it');
    await direct.update((d) => {
      d.events[0] = { ...sampleEvent, title: 'After the kill' };
    });
    await eventually(() => proxied.read().events[0]?.title === 'After the kill', 1000, 'proxied sees it');
    expect(direct.read().ledger.filter((e) => e.key === 'digest-4')).toHaveLength(1);
  });
});

describe.skipIf(!PG_URL)('PostgreSQL store: start-up with a database that cannot be used', () => {
  const cli = (env: Record<string, string>) => {
    const { DATABASE_URL: _, DATABASE_SCHEMA: __, ...base } = process.env;
    return runChild(process.execPath, ['dist/src/cli.js', 'deadlines'], {
      cwd: ROOT,
      env: { ...base, SOURCES_ENABLED: 'false', ...env },
    });
  };

  it('says in one line, without the password, that the server is down or the database missing, and exits 1', async () => {
    const closed = await startTcpProxy('127.0.0.1', 9);
    const port = closed.port;
    await closed.close();
    const down = await cli({ DATABASE_URL: via(port, 'Sekr1t-pw') });
    expect(down.code).toBe(1);
    expect(down.stdout).toBe('');
    expect(down.stderr).toBe(
      `Cannot open the PostgreSQL store at postgres://postgres:***@127.0.0.1:${port}/test (schema public): the ` +
        'connection was refused (is the server running, and on that host and port?). Check DATABASE_URL and ' +
        'that the server is up.\n',
    );
    const u = new URL(via(Number(new URL(PG_URL).port || 5432), 'Sekr1t-pw'));
    u.pathname = '/no_such_database_here';
    const missing = await cli({ DATABASE_URL: u.toString() });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('/no_such_database_here (schema public): the database does not exist.');
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    for (const r of [down, missing]) expect(r.stderr).not.toContain('Sekr1t-pw');
  });

  it('refuses a DATABASE_URL that is not a PostgreSQL URL as a setting (exit 2), without quoting it', async () => {
    const r = await cli({ DATABASE_URL: 'mysql://root:Sekr1t-pw@db/x' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'DATABASE_URL: must be a PostgreSQL URL such as postgres://user:password@host:5432/trade_brief',
    );
    expect(r.stderr).not.toContain('Sekr1t-pw');
  });
});
