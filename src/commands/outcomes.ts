import type { ReviewItem } from '../domain/review-queue.js';
import type { Action } from '../render/reply.js';

/** The button that records `status` for item `id`: the same `edit` an editor would type. */
const button = (label: string, id: string, status: string): Action => ({
  label,
  command: `edit ${id} status:${status}`,
});

/** The outcomes an editor may record for a review item with one press. */
export function outcomeButtons(item: ReviewItem): Action[] {
  if (item.type === 'measure')
    return item.status === 'announced'
      ? [button('took effect', item.id, 'in-force'), button('never imposed', item.id, 'terminated')]
      : [button('expired', item.id, 'expired'), button('terminated', item.id, 'terminated')];
  const deadline = item.kind === 'deadline' || item.kind === 'comment-deadline';
  return [
    deadline ? button('passed', item.id, 'passed') : button('held', item.id, 'held'),
    button('postponed', item.id, 'postponed'),
    button('cancelled', item.id, 'cancelled'),
    button('outcome unknown', item.id, 'unknown-outcome'),
  ];
}
