import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DurableTextFile, removeStaleTemps } from '../../src/store/durable-file.js';
import { tempDir } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

describe('DurableTextFile', () => {
  it('reads null when the file is absent, then round-trips what it wrote, leaving no temp file', async () => {
    const file = new DurableTextFile(join(dir, 'a.json'));
    expect(await file.read()).toBeNull();
    await file.write('{"a":1}');
    await file.write('{"a":2}');
    expect(await file.read()).toBe('{"a":2}');
    expect(await readdir(dir)).toEqual(['a.json']);
  });

  it('writes big texts in slices without splitting emoji', async () => {
    const file = new DurableTextFile(join(dir, 'big.json'));
    const text = `${'x'.repeat((1 << 20) - 1)}🇺🇸 tariff 🚢`.repeat(3);
    await file.write(text);
    expect(await readFile(file.file, 'utf8')).toBe(text);
  });

  it('sweeps temp files a crashed writer left, and nothing else', async () => {
    await writeFile(join(dir, '.a.json.999.1.tmp'), 'partial');
    await writeFile(join(dir, '.b.json.999.1.tmp'), 'other store');
    await writeFile(join(dir, 'a.json'), '{}');
    await removeStaleTemps(dir, join(dir, 'a.json'));
    expect((await readdir(dir)).sort()).toEqual(['.b.json.999.1.tmp', 'a.json']);
  });
});
