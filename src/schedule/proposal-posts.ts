import { channelKey, type Subscription } from '../domain/subscription.js';
import type { Proposal } from '../sources/proposal.js';
import type { Occurrence } from './occurrence.js';

/** How late a proposal may still be posted: it stays actionable while pending, so a long outage is caught up. */
export const PROPOSAL_GRACE_MS = 7 * 86_400_000;

export const proposalKey = (sub: Subscription, proposalId: string) =>
  `proposal:${channelKey(sub.channel)}:${proposalId}`;

/** Each pending proposal for each channel subscribed with `proposals:yes`, keyed so the ledger posts it once. */
export function proposalPosts(subs: readonly Subscription[], proposals: readonly Proposal[]): Occurrence[] {
  const out: Occurrence[] = [];
  for (const sub of subs) {
    if (!sub.proposals) continue;
    for (const p of proposals)
      if (p.status === 'pending')
        out.push({
          key: proposalKey(sub, p.id),
          channel: sub.channel,
          dueMs: Math.max(Date.parse(p.createdAt), Date.parse(sub.createdAt)),
          kind: 'proposal',
          itemId: p.id,
        });
  }
  return out;
}
