/** Trigger ids the emulator handed out with an interaction: each opens one modal, within a few seconds. */
export class Triggers {
  private readonly issued = new Map<string, { at: number; used: boolean }>();

  constructor(private readonly ttlMs: number) {}

  /** Records `id` as handed out now (with a slash command or an interaction payload). */
  issue(id: unknown): void {
    if (typeof id === 'string' && id !== '') this.issued.set(id, { at: Date.now(), used: false });
  }

  /** Uses `id` up: the Slack error when it was never issued, is expired or was used; undefined when good. */
  use(id: string): string | undefined {
    const trigger = this.issued.get(id);
    if (!trigger) return 'invalid_trigger_id';
    if (trigger.used) return 'exchanged_trigger_id';
    if (Date.now() - trigger.at > this.ttlMs) return 'expired_trigger_id';
    trigger.used = true;
    return undefined;
  }

  /** Forgets every trigger. */
  clear(): void {
    this.issued.clear();
  }
}
