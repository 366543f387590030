import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockKitProblems } from '../emulators/slack-block-kit.js';
import { slashCommandBody } from '../emulators/slack-payloads.js';
import { signedFormHeaders } from '../emulators/slack-signing.js';
import { blockText, SECRET, slackRig } from '../helpers/slack.js';

describe('/trade in Slack over HTTP, through the real Bolt app', () => {
  let r: Awaited<ReturnType<typeof slackRig>>;
  beforeAll(async () => {
    r = await slackRig('2026-03-12T09:00:00Z');
  });
  afterAll(() => r.close());

  const everyCommand = [
    'brief',
    'events',
    'events past days:60',
    'event paris-talks-2026',
    'tariffs CN',
    'deadlines days:60',
    'countdown beijing summit',
    'subscriptions',
    'schedule',
    'help',
    'help deadlines',
  ];
  it.each(everyCommand)('`/trade %s` answers with valid Block Kit within Slack’s limits', async (text) => {
    const { status, reply } = await r.slash(text);
    expect(status).toBe(200);
    expect(reply.blocks[0]?.type).toBe('header');
    expect(blockKitProblems(reply)).toEqual([]);
  });

  it('brief shows the Paris talks with a countdown and dates that render in each reader’s zone', async () => {
    const { reply } = await r.slash('brief');
    const text = blockText(reply);
    expect(text).toContain('Paris talks at OECD headquarters');
    expect(text).toContain('in 3 days');
    expect(text).toMatch(/<!date\^\d+\^\{date_short_pretty\} \{time\}\|[^>]+>/);
    expect(reply.response_type).toBe('ephemeral');
  });

  it('brief share:yes is posted to the channel', async () => {
    const { reply } = await r.slash('brief share:yes');
    expect(reply.response_type).toBe('in_channel');
  });

  it('a mistake gets an ephemeral explanation and changes nothing', async () => {
    const before = r.t.store.revision;
    const { reply } = await r.slash('deadlines days:0');
    expect(reply.response_type).toBe('ephemeral');
    expect(blockText(reply)).toContain(
      '`days` must be a whole number from 1 to 365, e.g. `/trade deadlines days:30`',
    );
    expect(r.t.store.revision).toBe(before);
  });

  it('a reader cannot remove an event; an editor on the list and a workspace admin can', async () => {
    expect(blockText((await r.slash('remove paris-talks-2026', 'UREADER')).reply)).toContain(
      'for editors only',
    );
    expect(r.t.store.read().events.some((e) => e.id === 'paris-talks-2026')).toBe(true);
    expect(blockText((await r.slash('remove paris-talks-2026', 'UEDITOR')).reply)).toContain('Archived');
    expect(blockText((await r.slash('restore paris-talks-2026', 'UADMIN')).reply)).toContain('Restored');
  });

  it('stored text cannot ping the channel or mention anyone', async () => {
    await r.slash(
      'add title:"Talks <!channel> with <@U999> & @here" start:2026-12-03 source:https://example.org/x',
      'UEDITOR',
    );
    const { reply } = await r.slash('events talks with');
    const text = blockText(reply);
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<@U999>');
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('&amp;');
    expect(text).not.toMatch(/[^\u200b]@here/);
  });

  it('a retried request (same trigger, X-Slack-Retry-Num) does not apply an edit twice', async () => {
    const body = slashCommandBody({
      text: 'add title:"Retry probe" start:2026-12-04 source:https://example.org/r',
      userId: 'UEDITOR',
      responseUrl: r.emu.responseUrl('retry'),
      triggerId: 'trigger-retry',
    });
    for (const retry of [undefined, '1', '2']) {
      const headers = {
        ...signedFormHeaders(SECRET, body),
        ...(retry ? { 'X-Slack-Retry-Num': retry } : {}),
      };
      expect((await fetch(r.url, { method: 'POST', body, headers })).status).toBe(200);
    }
    await r.emu.waitUntil(() => r.emu.responses.some((x) => x.id === 'retry'));
    expect(r.t.store.read().events.filter((e) => e.title === 'Retry probe')).toHaveLength(1);
  });

  describe('requests that are not from Slack are refused with 401 and change nothing', () => {
    const body = () =>
      slashCommandBody({
        text: 'remove paris-talks-2026',
        userId: 'UEDITOR',
        responseUrl: r.emu.responseUrl('sec'),
      });
    const now = () => Math.floor(Date.now() / 1000);
    const cases: [string, () => { body: string; headers: Record<string, string> }][] = [
      ['a bad signature', () => ({ body: body(), headers: signedFormHeaders('wrong-secret', body()) })],
      ['a changed body', () => ({ body: `${body()}x`, headers: signedFormHeaders(SECRET, body()) })],
      [
        'missing headers',
        () => ({ body: body(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }),
      ],
      [
        'a timestamp 6 minutes old',
        () => ({ body: body(), headers: signedFormHeaders(SECRET, body(), now() - 360) }),
      ],
      [
        'a timestamp 6 minutes ahead',
        () => ({ body: body(), headers: signedFormHeaders(SECRET, body(), now() + 360) }),
      ],
    ];
    it.each(cases)('%s', async (_name, make) => {
      const before = r.t.store.revision;
      const { body: b, headers } = make();
      const res = await fetch(r.url, { method: 'POST', body: b, headers });
      expect(res.status).toBe(401);
      expect(r.t.store.revision).toBe(before);
      expect(r.t.store.read().events.some((e) => e.id === 'paris-talks-2026')).toBe(true);
    });
  });

  it('an editor’s bare /trade add opens the form; its errors show inline; a valid form adds the event', async () => {
    const { status } = await r.slash('add', 'UEDITOR', { triggerId: 'trigger-form', noReply: true });
    expect(status).toBe(200);
    await r.emu.waitUntil(() => r.emu.views.length > 0);
    expect(r.emu.views.at(-1)).toBeDefined();
    const { viewSubmissionBody } = await import('../emulators/slack-interactions.js');
    const submit = async (values: Record<string, string>) => {
      const state = Object.fromEntries(
        Object.entries(values).map(([k, v]) => [k, { value: { type: 'plain_text_input', value: v } }]),
      );
      const b = viewSubmissionBody({
        callbackId: 'trade_add_event',
        values: state,
        privateMetadata: 'CTRADE',
        userId: 'UEDITOR',
      });
      const ack = await r.emu.sendHttp(r.url, b, { secret: SECRET });
      return { status: ack.status, body: ack.text };
    };
    const bad = await submit({
      title: 'Form talks',
      start: '2026-12-05 25:00 Europe/Paris',
      source: 'https://example.org/f',
    });
    expect(JSON.parse(bad.body)).toMatchObject({
      response_action: 'errors',
      errors: { start: expect.stringContaining('25:00') },
    });
    expect(r.t.store.read().events.some((e) => e.title === 'Form talks')).toBe(false);
    const good = await submit({
      title: 'Form talks',
      start: '2026-12-05 10:00 Europe/Paris',
      source: 'https://example.org/f',
    });
    expect(good.status).toBe(200);
    expect(r.t.store.read().events.find((e) => e.title === 'Form talks')?.start).toEqual({
      at: '2026-12-05T09:00:00.000Z',
      timeZone: 'Europe/Paris',
    });
  });

  it('an editor’s bare /trade add-measure opens the measure form; a bad rate shows beside it; a valid form adds the measure', async () => {
    const opened = r.emu.views.length;
    const { status } = await r.slash('add-measure', 'UEDITOR', {
      triggerId: 'trigger-measure',
      noReply: true,
    });
    expect(status).toBe(200);
    await r.emu.waitUntil(() => r.emu.views.length > opened);
    const view = r.emu.views.at(-1)?.view as { callback_id: string; blocks: { block_id: string }[] };
    expect(view.blocks.map((b) => b.block_id)).toEqual(
      expect.arrayContaining(['title', 'authority', 'rate', 'targets', 'from', 'hts', 'source']),
    );
    const { viewSubmissionBody } = await import('../emulators/slack-interactions.js');
    const submit = async (values: Record<string, string>) => {
      const state = Object.fromEntries(
        Object.entries(values).map(([k, v]) => [k, { value: { type: 'plain_text_input', value: v } }]),
      );
      const b = viewSubmissionBody({
        callbackId: view.callback_id,
        values: state,
        privateMetadata: 'CTRADE',
        userId: 'UEDITOR',
      });
      const ack = await r.emu.sendHttp(r.url, b, { secret: SECRET });
      return { status: ack.status, body: ack.text };
    };
    const fields = {
      title: 'Form drone tariff',
      authority: 'section-232',
      targets: 'CN',
      from: '2026-03-01',
      hts: '8806',
      source: 'https://www.federalregister.gov/d/2026-00001',
    };
    const revision = r.t.store.revision;
    const bad = await submit({ ...fields, rate: '2000%' });
    expect(JSON.parse(bad.body)).toMatchObject({
      response_action: 'errors',
      errors: { rate: expect.stringContaining('0% to 1000%') },
    });
    expect(r.t.store.revision).toBe(revision);
    const good = await submit({ ...fields, rate: '25%' });
    expect(good.status).toBe(200);
    const added = r.t.store.read().measures.find((m) => m.title === 'Form drone tariff');
    expect(added).toMatchObject({
      authority: 'section-232',
      rate: { percent: 25 },
      targets: ['CN'],
      hts: ['8806'],
    });
    const shown = await r.slash(`event ${added?.id}`);
    expect(blockText(shown.reply)).toContain('Form drone tariff');
    expect(blockText(shown.reply)).toContain('8806');
  });

  it('a reader’s bare /trade add-measure opens no form and changes nothing', async () => {
    const opened = r.emu.views.length;
    const revision = r.t.store.revision;
    const { reply } = await r.slash('add-measure', 'UREADER');
    expect(blockText(reply)).toMatch(/editor/i);
    expect(r.emu.views.length).toBe(opened);
    expect(r.t.store.revision).toBe(revision);
  });

  it('no message, modal or acknowledgement broke a Slack limit or came after the 3 s deadline', () => {
    expect(r.emu.violations).toEqual([]);
  });
});
