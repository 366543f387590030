import { readFile } from 'node:fs/promises';
import { nodeCrypto } from '../lazy-crypto.js';
import { StoreError } from './errors.js';
import { formatIssues } from './issues.js';
import { SeedData } from './schema.js';

/** Reads and validates the curated seed file; a failure names the file and the first problems. */
export async function loadSeed(file: string): Promise<SeedData> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new StoreError(
      file,
      `The seed file ${file} cannot be read. Set SEED_FILE to the curated seed (data/seed.json).`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new StoreError(file, `The seed file ${file} is not valid JSON: ${(err as Error).message}`);
  }
  const r = SeedData.safeParse(json);
  if (!r.success)
    throw new StoreError(file, `The seed file ${file} is not valid: ${formatIssues(r.error.issues)}`);
  return r.data;
}

/** The sha-256 (hex) of the seed file's bytes: what the store records as the seed it applied. */
export async function seedDigest(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw new StoreError(
      file,
      `The seed file ${file} cannot be read. Set SEED_FILE to the curated seed (data/seed.json).`,
    );
  }
  return nodeCrypto().createHash('sha256').update(bytes).digest('hex');
}
