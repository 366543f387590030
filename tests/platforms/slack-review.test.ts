import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockActionsBody } from '../emulators/slack-interactions.js';
import { signedFormHeaders } from '../emulators/slack-signing.js';
import { SECRET, slackRig } from '../helpers/slack.js';

type Button = { type: string; action_id: string; value: string; text: { text: string } };
type Block = { type: string; text?: { text: string }; elements?: Button[] };

describe('Slack: the review queue with outcome buttons', () => {
  let rig: Awaited<ReturnType<typeof slackRig>>;
  beforeAll(async () => {
    rig = await slackRig('2026-11-20T12:00:00Z');
    await rig.t.say(
      'add title:"Geneva follow-up talks" kind:meeting start:"2026-11-18 10:00 Europe/Zurich" countries:US,CN source:https://example.org/a',
    );
  });
  afterAll(() => rig.close());

  /** The first event in the review queue with buttons under it, and those buttons, as the editor's client shows them. */
  async function firstEvent(): Promise<{ id: string; buttons: Button[] }> {
    const { reply } = await rig.slash('review', 'UEDITOR');
    const blocks = reply.blocks as Block[];
    const i = blocks.findIndex(
      (b, j) => b.text?.text.includes(' · event · ') && blocks[j + 1]?.type === 'actions',
    );
    expect(i).toBeGreaterThan(0);
    const id = /`([a-z0-9-]+)`$/.exec(blocks[i]?.text?.text ?? '')?.[1] as string;
    return { id, buttons: blocks[i + 1]?.elements ?? [] };
  }

  let n = 0;
  async function press(b: Button, who: string) {
    const id = `press-${++n}`;
    const body = blockActionsBody({
      actionId: b.action_id,
      value: b.value,
      userId: who,
      channelId: 'CTRADE',
      responseUrl: rig.emu.responseUrl(id),
    });
    const res = await fetch(rig.url, { method: 'POST', body, headers: signedFormHeaders(SECRET, body) });
    expect(res.status).toBe(200);
    await rig.emu.waitUntil(() => rig.emu.responses.some((r) => r.id === id), 5000);
    return JSON.stringify(rig.emu.responses.find((r) => r.id === id)?.body);
  }

  it('each item has held / postponed / cancelled / outcome unknown, within Slack limits', async () => {
    const { buttons } = await firstEvent();
    expect(buttons.map((b) => b.text.text)).toEqual(['held', 'postponed', 'cancelled', 'outcome unknown']);
    expect(rig.emu.violations ?? []).toEqual([]);
  });

  it('a reader pressing held is refused and nothing changes', async () => {
    const file = JSON.stringify(rig.t.store.read().events);
    const held = (await firstEvent()).buttons[0] as Button;
    expect(await press(held, 'UREADER')).toContain('is for editors only');
    expect(JSON.stringify(rig.t.store.read().events)).toBe(file);
  });

  it('an editor pressing held records it, and the item leaves the queue', async () => {
    const { id, buttons } = await firstEvent();
    expect(await press(buttons[0] as Button, 'UEDITOR')).toContain('Changed: status');
    expect(rig.t.store.read().events.find((e) => e.id === id)?.status).toBe('held');
    expect(JSON.stringify((await rig.slash('review', 'UEDITOR')).reply)).not.toContain(`\`${id}\``);
  });

  it('a forged value is refused and changes nothing', async () => {
    const file = JSON.stringify(rig.t.store.read());
    const out = await press(
      { type: 'button', action_id: 'trade_cmd_0', value: 'x:paris-talks-2026', text: { text: 'held' } },
      'UEDITOR',
    );
    expect(out).toContain('not one this bot made');
    expect(JSON.stringify(rig.t.store.read())).toBe(file);
  });
});
