import { createFetcher } from '../../src/sources/fetcher.js';
import { parseSources, type SourceConfig } from '../../src/sources/sources-file.js';
import { SourceWatcher } from '../../src/sources/watcher.js';
import type { WatcherState } from '../../src/sources/watcher-state.js';
import { SourceServer } from '../emulators/source-server.js';

export const NOW = Date.parse('2026-12-02T14:00:00Z');
export const MINUTE = 60_000;

/** Sources parsed exactly as a sources file is, so defaults apply as in production. */
export function sources(entries: unknown[]): SourceConfig[] {
  const r = parseSources(entries);
  if (!r.ok) throw new Error(r.problems.join('\n'));
  return r.value;
}

/** The real undici fetcher with a short timeout, so hanging sources stay bounded in a test. */
export const testFetcher = () => createFetcher({ timeoutMs: 1500 });

/** A watcher over `entries`, reading through the real fetcher. */
export function watcher(entries: unknown[], state?: WatcherState): SourceWatcher {
  return new SourceWatcher({ sources: sources(entries), fetcher: testFetcher(), state });
}

/** The Federal Register source a sources file would name, pointed at the loopback API. */
export const frSource = (server: SourceServer, extra: Record<string, unknown> = {}) => ({
  id: 'fr',
  kind: 'federal-register',
  url: server.frBase,
  agencies: [
    'trade-representative-office-of-united-states',
    'international-trade-administration',
    'industry-and-security-bureau',
    'u-s-customs-and-border-protection',
  ],
  rules: [
    { name: 'USTR actions', agencies: ['trade-representative-office-of-united-states'] },
    { name: 'trade terms', keywords: ['tariff', 'duty', 'Entity List'] },
  ],
  ...extra,
});

export { SourceServer };
