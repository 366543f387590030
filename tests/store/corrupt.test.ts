import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreCorruptError } from '../../src/store/errors.js';
import { openStore } from '../../src/store/open-store.js';
import { sampleEvent, sampleMeasure, seed } from './fixtures/sample.js';
import { clock, tempDir } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
let file: string;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  file = join(dir, 'trade-brief.db.json');
});
afterEach(() => cleanup());

const valid = { schemaVersion: 1, events: [sampleEvent], measures: [sampleMeasure] };
const badEvent = { ...sampleEvent, start: { at: 'next tuesday', timeZone: 'Europe/Zurich' } };
const wholeFile = JSON.stringify({ ...valid, archive: [], audit: [], subscriptions: [], ledger: [] });

/** Writes `content`, tries to open it, and checks the refusal and that the bytes are unchanged. */
async function refused(content: string): Promise<string> {
  await writeFile(file, content);
  const error = await openStore({ file, seed, now: clock().now }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(StoreCorruptError);
  expect(await readFile(file, 'utf8')).toBe(content);
  const message = (error as Error).message;
  expect(message).toContain(file);
  expect(message).toContain('The file was left unchanged.');
  expect(message).toContain(`Move it aside (mv ${file} ${file}.broken) to start again from the seed.`);
  return message;
}

describe('a corrupt store file is refused and left as it is', () => {
  it('an empty file', async () => {
    expect(await refused('')).toContain(`${file} is empty (0 bytes)`);
  });

  it('truncated JSON', async () => {
    const cut = wholeFile.indexOf('"measures":[') + '"measures":['.length; // as if the write stopped here
    expect(await refused(wholeFile.slice(0, cut))).toContain(
      `${file} is not valid JSON: Unexpected end of JSON input at position ${cut}`,
    );
    expect(await refused(wholeFile.slice(0, 30))).toMatch(/is not valid JSON: .+ at position \d+\./);
  });

  it('garbage in the middle', async () => {
    expect(await refused('{"schemaVersion": 1, "events": [}')).toMatch(/is not valid JSON: .+/);
  });

  it('valid JSON that does not match the schema, naming the paths', async () => {
    const doc = { ...valid, events: [sampleEvent, sampleEvent, sampleEvent, badEvent] };
    expect(await refused(JSON.stringify(doc))).toContain(
      `${file} does not match the store schema: events[3].start.at: Invalid ISO datetime`,
    );
  });

  it('lists the first few problems and how many more', async () => {
    const doc = { ...valid, events: [badEvent, badEvent, badEvent, badEvent, badEvent], extra: 1 };
    const message = await refused(JSON.stringify(doc));
    expect(message).toContain('events[0].start.at: Invalid ISO datetime; events[1].start.at');
    expect(message).toContain('and 3 more');
  });

  it('JSON that is not an object, or has a bad version', async () => {
    expect(await refused('[]')).toContain('does not hold a JSON object (found an array)');
    expect(await refused('{"schemaVersion": "one"}')).toContain('has an invalid schemaVersion ("one"');
  });

  it('bytes that are not UTF-8, rather than replacing them with U+FFFD on the next write', async () => {
    const bytes = Buffer.concat([
      Buffer.from(wholeFile.slice(0, 40)),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(wholeFile.slice(40)),
    ]);
    await writeFile(file, bytes);
    const error = await openStore({ file, seed, now: clock().now }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreCorruptError);
    expect((error as Error).message).toContain(`${file} is not valid UTF-8 text`);
    expect((error as Error).message).toContain('The file was left unchanged.');
    expect(Buffer.compare(await readFile(file), bytes)).toBe(0);
  });

  it('two items with one id, naming both', async () => {
    const twin = { ...sampleEvent, title: 'A second Geneva round' };
    const message = await refused(JSON.stringify({ ...JSON.parse(wholeFile), events: [sampleEvent, twin] }));
    expect(message).toContain(
      'events[1].id: events[1] "A second Geneva round" has the id "geneva-talks-2026" of events[0] "US-China talks in Geneva" too',
    );
    const measureTwin = { ...sampleMeasure, id: sampleEvent.id };
    expect(await refused(JSON.stringify({ ...JSON.parse(wholeFile), measures: [measureTwin] }))).toContain(
      'measures[0] "IEEPA tariff on Chinese goods" has the id "geneva-talks-2026" of events[0] "US-China talks in Geneva" too',
    );
  });

  it('releases the lock, so a repaired file opens', async () => {
    await refused('');
    await writeFile(file, wholeFile);
    const store = await openStore({ file, seed, now: clock().now });
    expect(store.read().events).toEqual([sampleEvent]);
    await store.close();
  });
});
