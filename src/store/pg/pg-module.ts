import { createRequire } from 'node:module';
import type pg from 'pg';

let loaded: typeof pg | undefined;

/**
 * node-postgres, required when the PostgreSQL store first connects rather than imported at start: the one-shot
 * CLI bundle would otherwise load it for every answer, and the JSON store never needs it.
 */
export const pgModule = (): typeof pg => {
  loaded ??= createRequire(import.meta.url)('pg') as typeof pg;
  return loaded;
};
