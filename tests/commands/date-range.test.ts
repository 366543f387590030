import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArgsError, parseArgs } from '../../src/args.js';
import type { CommandDef } from '../../src/commands/define.js';
import { StoreCorruptError } from '../../src/store/errors.js';
import { openStore } from '../../src/store/open-store.js';
import { loadSeed } from '../../src/store/seed.js';
import { seededBot } from '../helpers/bot.js';
import { sampleEvent, sampleMeasure, seed } from '../store/fixtures/sample.js';
import { clock, tempDir } from '../store/helpers.js';

const RANGE = '1900-01-01 to 2100-12-31';
const SRC = 'source:https://example.org/a';

describe('dates are bounded to the years 1900 to 2100 at every input', () => {
  let t: Awaited<ReturnType<typeof seededBot>>;
  beforeAll(async () => {
    t = await seededBot('2026-03-12T09:00:00Z');
  });
  afterAll(() => t.close());

  it.each([
    [`add title:"Far future" start:9999-12-31 ${SRC}`, 'start', '9999-12-31'],
    [`add title:"Far past" start:1899-12-31 ${SRC}`, 'start', '1899-12-31'],
    [`add title:"Late end" start:2100-12-30 end:2101-01-01 ${SRC}`, 'end', '2101-01-01'],
    [
      `add title:"Far hour" start:"2101-01-01 09:00 Europe/Paris" ${SRC}`,
      'start',
      '2101-01-01 09:00 Europe/Paris',
    ],
    ['edit paris-talks-2026 start:9999-12-31', 'start', '9999-12-31'],
    ['tariffs CN on:9999-01-01', 'on', '9999-01-01'],
  ])('%s is refused naming the option and the range, and nothing changes', async (line, option, value) => {
    const before = await readFile(t.file, 'utf8');
    const reply = await t.ask(line);
    expect(reply.tone).toBe('error');
    expect(reply.intro?.join('')).toBe(
      `\`${option}\` must be a date from ${RANGE}; \`${value}\` is outside that range`,
    );
    expect(await readFile(t.file, 'utf8')).toBe(before);
  });

  it('the first and last days of the range are accepted', async () => {
    expect((await t.ask(`add title:"Tariff Act" start:1900-01-01 ${SRC}`)).tone).not.toBe('error');
    expect((await t.ask(`add title:"Last day" start:2100-12-31 ${SRC}`)).tone).not.toBe('error');
    expect(await t.say('countdown last-day')).toContain('Fri 31 Dec 2100');
  });

  it('typed values (Slack form, Discord options) are refused with the field to mark', () => {
    const add = t.bot.registry.list().find((d) => d.name === 'add') as CommandDef;
    const parsed = t.bot.registry.validate(
      add,
      { title: 'Far future', start: '9999-12-31', source: 'https://example.org/a' },
      'UTC',
    );
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.field).toBe('start');
  });

  it('--now outside the range is refused at start-up', () => {
    expect(() => parseArgs(['--now', '9999-12-31T00:00:00Z'])).toThrow(ArgsError);
    expect(() => parseArgs(['--now', '9999-12-31T00:00:00Z'])).toThrow(
      `\`--now\` must be a date from ${RANGE}`,
    );
  });
});

describe('a store or seed edited by hand with an out-of-range date is refused, naming the field', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ dir, cleanup } = await tempDir());
  });
  afterAll(() => cleanup());
  const far = { ...sampleEvent, id: 'far-future', start: { date: '9999-12-31' } };

  it('the store', async () => {
    const file = join(dir, 'store.db.json');
    const text = JSON.stringify({ schemaVersion: 1, events: [sampleEvent, far], measures: [sampleMeasure] });
    await writeFile(file, text);
    const error = await openStore({ file, seed, now: clock().now }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreCorruptError);
    expect((error as Error).message).toContain(`events[1].start.date: must be a date from ${RANGE}`);
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('an instant in a measure', async () => {
    const file = join(dir, 'store2.db.json');
    const until = { at: '2999-01-01T00:00:00Z', timeZone: 'UTC' };
    await writeFile(
      file,
      JSON.stringify({ schemaVersion: 1, events: [sampleEvent], measures: [{ ...sampleMeasure, until }] }),
    );
    const error = await openStore({ file, seed, now: clock().now }).catch((e: unknown) => e);
    expect((error as Error).message).toContain(`measures[0].until.at: must be a date from ${RANGE}`);
  });

  it('the seed', async () => {
    const file = join(dir, 'seed.json');
    await writeFile(file, JSON.stringify({ events: [far], measures: [sampleMeasure] }));
    await expect(loadSeed(file)).rejects.toThrow(`events[0].start.date: must be a date from ${RANGE}`);
  });
});
