import { countdown } from '../domain/countdown.js';
import type { ReviewItem } from '../domain/review-queue.js';
import { code, type Rich, strong, time } from '../render/reply.js';

/** One review line: what, its status, when its date passed, and its id. */
export function reviewLine(item: ReviewItem, nowMs: number): Rich {
  return [
    strong(item.title),
    ` · ${item.type} · status ${item.status} · date passed `,
    time(item.sinceMs, 'datetime'),
    ` (${countdown(nowMs, item.sinceMs)}) · `,
    code(item.id),
  ];
}
