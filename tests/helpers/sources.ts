import type { Observer } from '../../src/observer.js';
import { SourcesService } from '../../src/sources/service.js';
import { sources, testFetcher } from '../sources/helpers.js';
import { silentLog, type TestBot } from './bot.js';

/** Gives a test bot the real sources service over `entries`, reading through the real fetcher on loopback. */
export function attachSources(
  t: TestBot,
  entries: unknown[],
  background = false,
  observer?: Observer,
): SourcesService {
  const service = new SourcesService({
    sources: sources(entries),
    fetcher: testFetcher(),
    store: t.store,
    clock: t.clock,
    log: silentLog,
    background,
    observer,
  });
  t.bot.sources = service;
  return service;
}
