import type { CommandRun } from './commands/registry.js';

/** How a scheduled post ended: sent on time, sent late (after an outage), missed (too late to send) or failed. */
export type DeliveryOutcome = 'sent' | 'late' | 'missed' | 'failed';

/** One scheduled post's outcome; `kind` is digest, reminder, weekly or notice. */
export interface DeliveryEvent {
  readonly platform: string;
  readonly kind: string;
  readonly outcome: DeliveryOutcome;
}

/**
 * What the running bot reports as it works, for metrics and health. Every member is optional; the core calls
 * them and never learns who listens (src/web implements them with prom-client).
 */
export interface Observer {
  command?(run: CommandRun): void;
  delivery?(event: DeliveryEvent): void;
  /** A scheduler round finished at `at` (the bot's clock); its latest post went out `lagSeconds` after due. */
  tick?(at: number, lagSeconds: number, pending: number): void;
  /** A store write took `seconds` and left the file `bytes` long. */
  storeWrite?(seconds: number, bytes: number): void;
  /** Hook for the source watcher (src/sources): one check of a source, and proposals it made. */
  sourceCheck?(source: string, outcome: 'ok' | 'unchanged' | 'failed'): void;
  proposals?(source: string, count: number): void;
}
