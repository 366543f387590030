import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { redactUrl } from '../src/store/pg/connection.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** TEST_DATABASE_URL when its server answered; '' when the PostgreSQL tests are skipped. */
    pgUrl: string;
  }
}

/**
 * Vitest global setup: checks once whether TEST_DATABASE_URL's server answers. When it does not (or the
 * variable is unset), the PostgreSQL tests are skipped and this one line says why; every other test runs.
 */
export default async function setup(project: TestProject): Promise<void> {
  const url = process.env.TEST_DATABASE_URL ?? '';
  let why = url ? '' : 'TEST_DATABASE_URL is not set (.ci/run sets it to the machine’s database)';
  if (url) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
    } catch (error) {
      why = `${redactUrl(url)} cannot be reached (${(error as Error).message.split('\n')[0]})`;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  if (why) process.stderr.write(`PostgreSQL store tests skipped: ${why}.\n`);
  project.provide('pgUrl', why ? '' : url);
}
