import type { ReviewItem } from '../domain/review-queue.js';
import type { ReplyButton } from '../render/reply.js';

/** The action of the buttons that record an outcome from the review queue. */
export const OUTCOME_ACTION = 'outcome';

/** One-letter codes keep a button's value short enough for Discord's custom_id (an id is up to 80 characters). */
const STATUS_OF = {
  h: 'held',
  d: 'passed',
  p: 'postponed',
  c: 'cancelled',
  u: 'unknown-outcome',
  i: 'in-force',
  e: 'expired',
  t: 'terminated',
} as const;
type Code = keyof typeof STATUS_OF;

const button = (code: Code, label: string, id: string): ReplyButton => ({
  action: OUTCOME_ACTION,
  label,
  value: `${code}:${id}`,
});

/** The outcomes an editor may record for a review item with one press. */
export function outcomeButtons(item: ReviewItem): ReplyButton[] {
  if (item.type === 'measure')
    return item.status === 'announced'
      ? [button('i', 'took effect', item.id), button('t', 'never imposed', item.id)]
      : [button('e', 'expired', item.id), button('t', 'terminated', item.id)];
  const deadline = item.kind === 'deadline' || item.kind === 'comment-deadline';
  return [
    deadline ? button('d', 'passed', item.id) : button('h', 'held', item.id),
    button('p', 'postponed', item.id),
    button('c', 'cancelled', item.id),
    button('u', 'outcome unknown', item.id),
  ];
}

/** The command a pressed outcome button stands for (`edit <id> status:held`), or undefined for a forged value. */
export function outcomeCommand(value: string): string | undefined {
  const m = /^([a-z]):([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(value);
  const status = m && STATUS_OF[m[1] as Code];
  return m && status && (m[2] as string).length <= 80 ? `edit ${m[2]} status:${status}` : undefined;
}
