import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockKitProblems } from '../emulators/slack-block-kit.js';
import { blockActionsBody } from '../emulators/slack-interactions.js';
import { signedFormHeaders } from '../emulators/slack-signing.js';
import { SEED_FILE } from '../helpers/bot.js';
import { blockText, SECRET, slackRig } from '../helpers/slack.js';

type Block = {
  type: string;
  elements?: { type: string; action_id?: string; value?: string; text?: { text: string } }[];
};

/** Ids of every row the seed can give: its events, and the start and end of each measure. */
function seedIds(): Set<string> {
  const seed = JSON.parse(readFileSync(SEED_FILE, 'utf8')) as {
    events: { id: string }[];
    measures: { id: string }[];
  };
  return new Set([
    ...seed.events.map((e) => e.id),
    ...seed.measures.flatMap((m) => [`${m.id}-starts`, `${m.id}-ends`]),
  ]);
}

const ids = (blocks: unknown) => [...JSON.stringify(blocks).matchAll(/ · `([a-z0-9-]+)`/g)].map((m) => m[1]);

describe('long lists in Slack: pages and a More button, through the real Bolt app', () => {
  let r: Awaited<ReturnType<typeof slackRig>>;
  beforeAll(async () => {
    r = await slackRig('2026-11-09T12:00:00Z');
  });
  afterAll(() => r.close());

  it('`/trade events all` shows page 1 of N, a hint, and a More button that answers with page 2, privately', async () => {
    const { reply } = await r.slash('events all');
    expect(blockKitProblems(reply)).toEqual([]);
    // The seed holds 48 events and 43 measure starts and ends: more than five pages of 15.
    const pages = Number(/Page 1 of (\d+)/.exec(blockText(reply))?.[1]);
    expect(pages).toBeGreaterThan(5);
    expect(blockText(reply)).toContain(`Page 1 of ${pages} — \`/trade events when:all page:2\``);
    const actions = (reply.blocks as Block[]).find((b) => b.type === 'actions');
    const button = actions?.elements?.[0];
    expect(button).toMatchObject({ type: 'button', value: 'events when:all page:2' });
    expect(button?.text?.text).toBe(`More (page 2 of ${pages})`);
    const first = ids(reply.blocks);
    expect(first).toHaveLength(15);

    const body = blockActionsBody({
      actionId: button?.action_id ?? '',
      value: button?.value ?? '',
      text: button?.text?.text ?? '',
      responseUrl: r.emu.responseUrl('more-1'),
      userId: 'UREADER',
      channelId: 'CTRADE',
      ephemeral: true,
    });
    const res = await fetch(r.url, { method: 'POST', body, headers: signedFormHeaders(SECRET, body) });
    expect(res.status).toBe(200);
    await r.emu.waitUntil(() => r.emu.responses.some((x) => x.id === 'more-1'), 5000);
    const page2 = r.emu.responses.find((x) => x.id === 'more-1')?.body as {
      response_type: string;
      replace_original: boolean;
      blocks: unknown[];
    };
    expect(page2.response_type).toBe('ephemeral');
    expect(page2.replace_original).toBe(false);
    expect(blockKitProblems(page2)).toEqual([]);
    expect(blockText(page2)).toContain(`Page 2 of ${pages} — \`/trade events when:all page:3\``);
    const second = ids(page2.blocks);
    expect(second).toHaveLength(15);
    expect(second.filter((id) => first.includes(id))).toEqual([]);
    const known = seedIds();
    expect([...first, ...second].filter((id) => !known.has(id as string))).toEqual([]);
    expect(r.emu.violations).toEqual([]);
  });

  it('buttons posted before the one button kind (trade_next_page, trade_action:…) still run their command', async () => {
    for (const [actionId, page] of [
      ['trade_next_page', 2],
      ['trade_action:more', 3],
    ] as const) {
      const id = `legacy-${page}`;
      const body = blockActionsBody({
        actionId,
        value: `events when:all page:${page}`,
        responseUrl: r.emu.responseUrl(id),
        userId: 'UREADER',
        channelId: 'CTRADE',
        ephemeral: true,
      });
      const res = await fetch(r.url, { method: 'POST', body, headers: signedFormHeaders(SECRET, body) });
      expect(res.status).toBe(200);
      await r.emu.waitUntil(() => r.emu.responses.some((x) => x.id === id), 5000);
      const answer = r.emu.responses.find((x) => x.id === id)?.body as {
        response_type?: string;
        blocks?: unknown[];
      };
      expect(blockText(answer)).toMatch(new RegExp(`Page ${page} of \\d+`));
      expect(answer.response_type).toBe('ephemeral');
    }
  });

  it('a button whose value is a change runs nothing', async () => {
    const before = r.t.store.revision;
    const body = blockActionsBody({
      actionId: 'trade_cmd_0',
      value: 'remove paris-talks-2026',
      responseUrl: r.emu.responseUrl('more-bad'),
      userId: 'UEDITOR',
      channelId: 'CTRADE',
      ephemeral: true,
    });
    const res = await fetch(r.url, { method: 'POST', body, headers: signedFormHeaders(SECRET, body) });
    expect(res.status).toBe(200);
    await r.emu.waitUntil(() => r.emu.responses.some((x) => x.id === 'more-bad'), 5000);
    expect(blockText(r.emu.responses.find((x) => x.id === 'more-bad')?.body)).toContain(
      'Nothing was changed',
    );
    expect(r.t.store.revision).toBe(before);
  });
});

describe('the Slack emulator checks buttons as Slack does', () => {
  it('refuses a label over 75 characters, a value over 2000 and a label that is not plain_text', () => {
    const button = (text: unknown, value: string) => ({
      blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'a', text, value }] }],
    });
    expect(blockKitProblems(button({ type: 'plain_text', text: 'x'.repeat(75) }, 'v'.repeat(2000)))).toEqual(
      [],
    );
    expect(blockKitProblems(button({ type: 'plain_text', text: 'x'.repeat(76) }, 'v'))).toEqual([
      '[ERROR] must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]',
    ]);
    expect(blockKitProblems(button({ type: 'plain_text', text: 'ok' }, 'v'.repeat(2001)))).toEqual([
      '[ERROR] must be less than 2001 characters [json-pointer:/blocks/0/elements/0/value]',
    ]);
    expect(blockKitProblems(button({ type: 'mrkdwn', text: 'ok' }, 'v'))).toEqual([
      '[ERROR] must be a plain_text text object [json-pointer:/blocks/0/elements/0/text]',
    ]);
  });
});
