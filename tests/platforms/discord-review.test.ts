import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatInput } from '../emulators/discord-emulator.js';
import { discordMessageProblems } from '../emulators/discord-limits.js';
import { discordRig, member } from '../helpers/discord.js';

type Button = { type: number; custom_id: string; label: string };
type Body = { flags?: number; embeds?: unknown[]; components?: { components: Button[] }[] };

const editor = member('111111111111111111');
const reader = member('222222222222222222');

describe('Discord: the review queue with outcome buttons, through the real discord.js client', () => {
  let r: Awaited<ReturnType<typeof discordRig>>;
  beforeAll(async () => {
    r = await discordRig('2026-11-20T12:00:00Z');
  });
  afterAll(() => r.close());

  /** `/trade review` as the editor: the message their client shows, with its buttons. */
  async function review(): Promise<{
    messageId: string;
    body: Body;
    id: string;
    row?: { components: Button[] };
  }> {
    const { id: interaction, token } = r.emu.dispatchInteraction(chatInput('trade', 'review', {}, editor));
    await r.emu.waitForCallback(interaction, 5000);
    const shown = await r.emu.waitFor(
      () => r.emu.interactionMessages(token).findLast((m) => m.via === 'original' || m.via === 'edit'),
      5000,
    );
    const body = shown.body as Body;
    // The first event in the queue: its row starts with "held" (a measure's with "took effect" or "expired").
    const row = body.components?.find((c) => c.components[0]?.label === 'held');
    const id = /^cmd:edit (\S+) status:held$/.exec(row?.components[0]?.custom_id ?? '')?.[1] as string;
    return { messageId: shown.id, body, id, row };
  }

  /** Presses a button as `who` and returns the answer they see: its text and whether only they see it. */
  async function press(messageId: string, customId: string, who = reader) {
    const click = r.emu.clickButton(messageId, customId, who);
    const cb = await r.emu.waitForCallback(click.id, 5000);
    const body = (
      cb.type === 4
        ? cb.data
        : (await r.emu.waitFor(() => r.emu.interactionMessages(click.token).at(-1), 5000)).body
    ) as Body;
    return { text: JSON.stringify(body.embeds), ephemeral: ((body.flags ?? 0) & 64) === 64 };
  }

  it('shows held / postponed / cancelled / outcome unknown under the item, within Discord limits', async () => {
    const { body, id, row } = await review();
    expect(discordMessageProblems(body as never)).toEqual([]);
    expect(r.t.store.read().events.find((e) => e.id === id)?.status).not.toBe('held');
    expect(JSON.stringify(body.embeds)).toContain(`\`${id}\``);
    expect(row?.components.map((b) => [b.label, b.custom_id])).toEqual([
      ['held', `cmd:edit ${id} status:held`],
      ['postponed', `cmd:edit ${id} status:postponed`],
      ['cancelled', `cmd:edit ${id} status:cancelled`],
      ['outcome unknown', `cmd:edit ${id} status:unknown-outcome`],
    ]);
  });

  it('a reader pressing held is refused and nothing changes', async () => {
    const before = JSON.stringify(r.t.store.read());
    const { messageId, id } = await review();
    const answer = await press(messageId, `cmd:edit ${id} status:held`, reader);
    expect(answer.text).toContain('is for editors only');
    expect(answer.ephemeral).toBe(true);
    expect(JSON.stringify(r.t.store.read())).toBe(before);
  });

  it('an editor pressing held records it, and the item leaves the queue', async () => {
    const { messageId, id } = await review();
    const answer = await press(messageId, `cmd:edit ${id} status:held`, editor);
    expect(answer.text).toContain('Changed: status');
    expect(r.t.store.read().events.find((e) => e.id === id)?.status).toBe('held');
    expect(JSON.stringify((await review()).body)).not.toContain(`\`${id}\``);
    expect(r.emu.problems).toEqual([]);
  });
});
