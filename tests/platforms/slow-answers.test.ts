import { afterEach, describe, expect, it } from 'vitest';
import { viewSubmissionBody } from '../emulators/slack-interactions.js';
import { slashCommandFields } from '../emulators/slack-payloads.js';
import { discordRig, member } from '../helpers/discord.js';
import { blockText, SECRET, slackRig } from '../helpers/slack.js';

/** Longer than both platforms' 3 s deadline for the first answer: only a deferred answer reaches the user. */
const SLOW_MS = 3500;
/** What the brief shows on 12 March 2026, from the seed (data/seed.json), not from the code under test. */
const PARIS = 'Paris talks at OECD headquarters';

describe('answers slower than the 3 s deadline are deferred, then delivered, on each platform', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  it('Slack over HTTP: the ack comes in time, empty, and the brief arrives through response_url', async () => {
    const r = await slackRig('2026-03-12T09:00:00Z', { slowMs: SLOW_MS });
    closers.push(r.close);
    const started = Date.now();
    const { status, reply } = await r.slash('brief');
    expect(status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(SLOW_MS - 50); // the answer did take that long
    expect(reply.response_type).toBe('ephemeral');
    expect(blockText(reply)).toContain(PARIS);
    expect(r.emu.violations).toEqual([]); // no operation_timeout, no limit broken
  }, 15_000);

  it('Slack over Socket Mode: the envelope is acked in time and the brief arrives through response_url', async () => {
    const r = await slackRig('2026-03-12T09:00:00Z', { socket: true, slowMs: SLOW_MS });
    closers.push(r.close);
    await r.emu.waitUntil(() => r.emu.connections() > 0, 10_000);
    const fields = slashCommandFields({ text: 'brief share:yes', responseUrl: r.emu.responseUrl('slow') });
    const id = r.emu.sendEnvelope('slash_commands', fields);
    expect((await r.emu.waitForAck(id, 3000)) ?? {}).toEqual({}); // acked empty: the answer comes later
    await r.emu.waitUntil(() => r.emu.responses.some((x) => x.id === 'slow'), 8000);
    const reply = r.emu.responses.find((x) => x.id === 'slow')?.body;
    expect(reply?.response_type).toBe('in_channel');
    expect(blockText(reply)).toContain(PARIS);
    expect(r.emu.violations).toEqual([]);
  }, 20_000);

  it('Slack: a workspace admin’s change is acked in time even when users.info is slow', async () => {
    const r = await slackRig('2026-03-12T09:00:00Z');
    closers.push(r.close);
    r.emu.failNext('users.info', { delayMs: SLOW_MS });
    const { reply } = await r.slash('remove paris-talks-2026', 'UADMIN');
    expect(blockText(reply)).toContain('Archived');
    expect(r.t.store.read().events.some((e) => e.id === 'paris-talks-2026')).toBe(false);
    expect(r.t.store.read().archive.some((a) => a.entry.item.id === 'paris-talks-2026')).toBe(true);
    expect(r.emu.violations).toEqual([]);
  }, 15_000);

  it('Slack: when a slow users.info lets the form’s trigger expire, the editor is told what to do instead', async () => {
    const r = await slackRig('2026-03-12T09:00:00Z');
    closers.push(r.close);
    r.emu.failNext('users.info', { delayMs: SLOW_MS });
    const { status, reply } = await r.slash('add', 'UADMIN');
    expect(status).toBe(200);
    expect(blockText(reply)).toContain('could not be opened in time');
    expect(blockText(reply)).toContain('/trade add title:');
    expect(r.emu.views).toEqual([]);
    expect(r.emu.violations).toEqual([]);
  }, 15_000);

  it('Slack: a form submitted while users.info is slow is answered in time, and goes through when sent again', async () => {
    const r = await slackRig('2026-03-12T09:00:00Z');
    closers.push(r.close);
    r.emu.failNext('users.info', { delayMs: SLOW_MS });
    const values = Object.fromEntries(
      Object.entries({ title: 'Slow form talks', start: '2026-12-05', source: 'https://example.org/s' }).map(
        ([k, v]) => [k, { value: { type: 'plain_text_input', value: v } }],
      ),
    );
    const body = viewSubmissionBody({
      callbackId: 'trade_add_event',
      values,
      privateMetadata: 'CTRADE',
      userId: 'UADMIN',
    });
    const first = await r.emu.sendHttp(r.url, body, { secret: SECRET });
    expect(first.timedOut).toBe(false);
    expect(first.json).toMatchObject({
      response_action: 'errors',
      errors: { title: expect.stringContaining('Press Add again') },
    });
    expect(r.t.store.read().events.some((e) => e.title === 'Slow form talks')).toBe(false);
    await r.emu.waitUntil(() => r.emu.calls.filter((c) => c.method === 'users.info').length > 0, 5000);
    await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
    const again = await r.emu.sendHttp(r.url, body, { secret: SECRET });
    expect(again).toMatchObject({ status: 200, timedOut: false });
    expect(r.t.store.read().events.filter((e) => e.title === 'Slow form talks')).toHaveLength(1);
    expect(r.emu.violations).toEqual([]);
  }, 20_000);

  it('Discord: the interaction is deferred in time, privately, and the brief replaces the placeholder', async () => {
    const r = await discordRig('2026-03-12T09:00:00Z', {}, { slowMs: SLOW_MS });
    closers.push(r.close);
    const answer = await r.ask('trade', 'brief', {}, member('222222222222222222'));
    expect(answer.type).toBe(5);
    expect(answer.ephemeral).toBe(true);
    expect(answer.text).toContain(PARIS);
    const shared = await r.ask('trade', 'brief', { share: true }, member('222222222222222222'));
    expect(shared.type).toBe(5);
    expect(shared.ephemeral).toBe(false);
    expect(r.emu.problems).toEqual([]); // no 10062 for a late callback, no 50027, no limit broken
  }, 20_000);
});
