import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { loadSeed } from '../../src/store/seed.js';
import { SEED_FILE } from '../helpers/bot.js';
import { runChild } from '../helpers/run-child.js';
import { readCalendar } from './ics-reader.js';

const ROOT = new URL('../..', import.meta.url).pathname;
let dir = '';
let env: Record<string, string> = {};
const cli = (...words: string[]) =>
  runChild(process.execPath, ['dist/src/cli.js', ...words, '--now', '2026-03-01T09:00:00Z'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trade-brief-cal-cli-'));
  env = {
    DB_FILE: join(dir, 'store.db.json'),
    SEED_FILE,
    TIME_ZONE: 'UTC',
    SOURCES_ENABLED: 'false',
    LOG_LEVEL: 'error',
  };
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('calendar in the compiled CLI', () => {
  it('prints the calendar itself with format:ics, byte for byte, ready to pipe into a file', async () => {
    const r = await cli('calendar', 'format:ics', 'country:CN');
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(r.stdout.endsWith('END:VCALENDAR\r\n')).toBe(true);
    const read = readCalendar(r.stdout);
    expect(read.get('paris-talks-2026@trade-brief')?.start.toString()).toBe('2026-03-15');
  });

  it('still prints it while the bot holds the store, but issues no link there', async () => {
    const held = await openStore({
      file: env.DB_FILE as string,
      seed: () => loadSeed(SEED_FILE),
      now: () => new Date(),
    });
    try {
      const ics = await cli('calendar', 'format:ics');
      expect(ics.code).toBe(0);
      expect(ics.stdout.startsWith('BEGIN:VCALENDAR')).toBe(true);
      const link = await cli('calendar');
      expect(link.code).toBe(1);
      expect(link.stderr).toContain('so `calendar` was not run and nothing changed');
    } finally {
      await held.close();
    }
  });
});
