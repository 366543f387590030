import { ackProblems } from './slack-modal.js';
import { signedFormHeaders } from './slack-signing.js';
import type { Params, SlackViolation } from './slack-types.js';

/** What Slack sent the app, as far as the ack rules go: a slash command or an interaction's type. */
export interface SentRequest {
  readonly kind: string;
  readonly triggerId?: string;
}

/** The kind and trigger id of a slash command's fields or an interaction payload. */
export function describeRequest(fields: Params): SentRequest {
  const triggerId = typeof fields.trigger_id === 'string' ? fields.trigger_id : undefined;
  const kind = typeof fields.command === 'string' ? 'slash_commands' : String(fields.type ?? 'unknown');
  return { kind, triggerId };
}

/** The request a urlencoded HTTP-mode body carries (`payload=<json>` for interactions). */
export function describeHttpBody(body: string): SentRequest {
  const form = new URLSearchParams(body);
  const payload = form.get('payload');
  if (payload === null) return describeRequest(Object.fromEntries(form));
  try {
    return describeRequest(JSON.parse(payload) as Params);
  } catch {
    return { kind: 'unknown' };
  }
}

/**
 * Slack's rules for acknowledgements: within the deadline (3 s), or the user sees "operation_timeout" and
 * the body is thrown away; and a body Slack can use. Breaches are recorded as violations (method 'ack').
 */
export class AckRules {
  private readonly pending = new Map<string, { request: SentRequest; at: number; timer: NodeJS.Timeout }>();

  constructor(
    private readonly deadlineMs: number,
    private readonly violations: SlackViolation[],
    private readonly changed: () => void,
  ) {}

  /** Checks an ack that came `ms` after its request (`timedOut`: none came in time). */
  check(request: SentRequest, ms: number, body: unknown, timedOut = false): void {
    const took = timedOut ? '' : ` (took ${Math.round(ms)} ms)`;
    const problems =
      timedOut || ms > this.deadlineMs
        ? [`operation_timeout: not acknowledged within ${this.deadlineMs} ms${took}`]
        : ackProblems(request.kind, body);
    const recorded = problems[0]?.startsWith('operation_timeout') ? { kind: request.kind } : body;
    if (problems.length > 0)
      this.violations.push({ method: 'ack', problems, body: (recorded ?? {}) as Params, at: Date.now() });
    this.changed();
  }

  /** Starts the clock on a Socket Mode envelope: no ack by the deadline is a timeout. */
  sent(envelopeId: string, request: SentRequest): void {
    const timer = setTimeout(() => {
      this.pending.delete(envelopeId);
      this.check(request, this.deadlineMs, undefined, true);
    }, this.deadlineMs + 1);
    timer.unref();
    this.pending.set(envelopeId, { request, at: performance.now(), timer });
  }

  /** The ack of a Socket Mode envelope arrived. */
  acked(envelopeId: string, body: unknown): void {
    const pending = this.pending.get(envelopeId);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending.delete(envelopeId);
    this.check(pending.request, performance.now() - pending.at, body);
  }

  /** Stops every clock. */
  clear(): void {
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}

/** What an HTTP-mode request to the app came back with, as Slack saw it. */
export interface HttpDelivery {
  /** 0 when the app did not answer within the deadline. */
  readonly status: number;
  readonly text: string;
  /** The ack body when it is JSON. */
  readonly json?: Params;
  readonly ms: number;
  /** The app answered too late: Slack gave up, and the user saw "operation_timeout". */
  readonly timedOut: boolean;
}

/** POSTs a signed request to the app as Slack does, and stops waiting at the deadline. */
export async function postToApp(
  url: string,
  body: string,
  secret: string,
  deadlineMs: number,
  headers: Record<string, string> = {},
): Promise<HttpDelivery> {
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      body,
      headers: { ...signedFormHeaders(secret, body), ...headers },
      signal: AbortSignal.timeout(deadlineMs),
    });
    const text = await res.text();
    const ms = performance.now() - started;
    let json: Params | undefined;
    try {
      json =
        text && /json/.test(res.headers.get('content-type') ?? '') ? (JSON.parse(text) as Params) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, text, ...(json ? { json } : {}), ms, timedOut: false };
  } catch (error) {
    const ms = performance.now() - started;
    if ((error as Error).name === 'TimeoutError') return { status: 0, text: '', ms, timedOut: true };
    throw error;
  }
}
