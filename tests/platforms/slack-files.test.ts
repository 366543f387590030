import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlack } from '../../src/platforms/slack/slack-app.js';
import { WEEKLY_CHART_DAYS } from '../../src/schedule/messages.js';
import { Scheduler } from '../../src/schedule/scheduler.js';
import { startSlackEmulator } from '../emulators/slack-emulator.js';
import { slashCommandBody } from '../emulators/slack-payloads.js';
import { seededBot, silentLog } from '../helpers/bot.js';
import { lookAt } from '../helpers/png.js';
import { blockText, manifestScopes, SECRET, slackRig } from '../helpers/slack.js';

describe('charts in Slack: uploaded with files.uploadV2 where the reader will see them', () => {
  let r: Awaited<ReturnType<typeof slackRig>>;
  beforeAll(async () => {
    r = await slackRig('2026-03-12T09:00:00Z');
  });
  afterAll(() => r.close());

  it('the manifest asks for files:write (uploads) and im:write (charts sent to one reader)', () => {
    expect(manifestScopes()).toEqual(expect.arrayContaining(['files:write', 'im:write']));
  });

  it('`chart tariffs CN share:yes` posts the chart in the channel, joining it first, within Slack’s limits', async () => {
    const { reply } = await r.slash('chart tariffs CN share:yes', 'UREADER', { channelId: 'CPUBLIC' });
    expect(reply.response_type).toBe('in_channel');
    expect(blockText(reply)).toContain('145%');
    await r.emu.waitUntil(() => r.emu.files.length > 0, 8000);
    const [file] = r.emu.files;
    expect(file).toMatchObject({ channel: 'CPUBLIC', filename: 'tariffs-CN.png' });
    expect(file?.title).toContain('Step chart of the US tariff on all goods from China');
    expect(file?.altText).toBe(file?.title);
    const look = lookAt(file?.bytes ?? new Uint8Array());
    expect(look.width).toBeGreaterThanOrEqual(800);
    expect(look.height).toBeGreaterThanOrEqual(400);
    // The bot was not in the channel: Slack refused the share until it joined.
    expect(r.emu.channel('CPUBLIC').botIsMember).toBe(true);
    expect(
      r.emu.calls.filter((c) => c.method === 'files.completeUploadExternal').map((c) => c.body.channel_id),
    ).toEqual(['CPUBLIC', 'CPUBLIC']);
    expect(r.emu.violations).toEqual([]);
  });

  it('an ephemeral chart goes to the reader alone, in a direct message, and the reply says so', async () => {
    r.emu.reset();
    const { reply } = await r.slash('chart timeline', 'UREADER', { channelId: 'CPUBLIC' });
    expect(reply.response_type).toBe('ephemeral');
    expect(blockText(reply)).toContain('sent to you in a direct message');
    expect(blockText(reply)).toContain('Add `share:yes` to post the chart for everyone here.');
    await r.emu.waitUntil(() => r.emu.files.length > 0, 8000);
    expect(r.emu.files.map((f) => [f.channel, f.filename])).toEqual([['DUREADER', 'timeline.png']]);
    expect(r.emu.files.some((f) => f.channel === 'CPUBLIC')).toBe(false);
  });

  it('`calendar country:CN` sends the reader the .ics in a direct message: a calendar ical.js reads, only China', async () => {
    r.emu.reset();
    const { reply } = await r.slash('calendar country:CN', 'UREADER', { channelId: 'CPUBLIC' });
    expect(reply.response_type).toBe('ephemeral');
    expect(blockText(reply)).toContain('sent to you in a direct message');
    await r.emu.waitUntil(() => r.emu.files.length > 0, 8000);
    expect(r.emu.files.map((f) => [f.channel, f.filename])).toEqual([['DUREADER', 'trade-brief-CN.ics']]);
    const text = new TextDecoder().decode(r.emu.files[0]?.bytes);
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
    expect(events.length).toBeGreaterThan(0);
    // Every entry involves China, as `events country:CN` would list.
    expect(events.map((e) => String(e.getFirstPropertyValue('uid')))).toContain(
      'paris-talks-2026@trade-brief',
    );
    expect(r.emu.violations).toEqual([]);
  });

  it('a private channel the bot is not in: the reader is told to invite it, nothing is shared', async () => {
    r.emu.reset();
    r.emu.setChannel('GSECRET', { private: true, botIsMember: false });
    const { reply } = await r.slash('chart tariffs CN share:yes', 'UREADER', { channelId: 'GSECRET' });
    expect(reply.response_type).toBe('in_channel');
    await r.emu.waitUntil(
      () => r.emu.responses.some((x) => String(x.body.text).includes('invite the bot')),
      8000,
    );
    expect(r.emu.files).toEqual([]);
  });

  it('a chart with nothing to draw uploads nothing', async () => {
    r.emu.reset();
    const { reply } = await r.slash('chart tariffs US share:yes');
    expect(blockText(reply)).toContain('nothing to draw');
    await new Promise((res) => setTimeout(res, 300));
    expect(r.emu.calls.some((c) => c.method.startsWith('files.'))).toBe(false);
  });
});

describe('the emulator keeps Slack’s upload rules', () => {
  it('without files:write, or past the size limit, Slack refuses and the reader is told', async () => {
    for (const [scopes, maxUploadBytes, code] of [
      [manifestScopes().filter((s) => s !== 'files:write'), undefined, 'missing_scope'],
      [manifestScopes(), 10_000, 'file_too_large'],
    ] as const) {
      const emu = await startSlackEmulator({ scopes: [...scopes], maxUploadBytes });
      const t = await seededBot('2026-03-12T09:00:00Z');
      const slack = createSlack(
        t.bot,
        {
          botToken: 'xoxb-test',
          signingSecret: SECRET,
          port: 0,
          host: '127.0.0.1',
          apiUrl: emu.apiUrl,
          adminsAreEditors: false,
          wallClock: Date.now,
          perChannelGapMs: 0,
        },
        silentLog,
      );
      const { port } = await slack.start();
      try {
        emu.setChannel('CIN', { botIsMember: true });
        const body = slashCommandBody({
          text: 'chart tariffs CN share:yes',
          userId: 'U123',
          responseUrl: emu.responseUrl('x'),
          channelId: 'CIN',
          triggerId: 't1',
        });
        await emu.sendHttp(`http://127.0.0.1:${port}/slack/events`, body, { secret: SECRET });
        await emu.waitUntil(() => emu.responses.some((x) => String(x.body.text).includes(code)), 8000);
        expect(emu.files).toEqual([]);
      } finally {
        await slack.stop();
        await t.close();
        await emu.close();
      }
    }
  });
});

describe('the week-ahead post carries the timeline chart', () => {
  it('on a Monday, the weekly:yes channel gets the week ahead, then the chart of the month ahead', async () => {
    const r = await slackRig('2026-03-08T12:00:00Z');
    try {
      await r.slash('subscribe time:08:00 zone:UTC weekly:yes', 'UREADER', { channelId: 'CWEEK' });
      r.t.clock.set(Date.parse('2026-03-09T08:00:00Z'));
      const scheduler = new Scheduler(
        r.t.bot,
        (channel, reply, key, attempt) => r.slack.deliver(channel.id, reply, key, attempt),
        silentLog,
      );
      await scheduler.tick();
      expect(JSON.stringify(r.emu.posted('CWEEK').map((m) => m.blocks))).toContain('The week ahead');
      await r.emu.waitUntil(() => r.emu.files.length > 0, 8000);
      expect(r.emu.files.map((f) => [f.channel, f.filename])).toEqual([['CWEEK', 'timeline.png']]);
      expect(r.emu.files[0]?.title).toContain(`next ${WEEKLY_CHART_DAYS} days`);
      expect(lookAt(r.emu.files[0]?.bytes ?? new Uint8Array()).width).toBeGreaterThanOrEqual(800);
      expect(r.emu.violations).toEqual([]);
    } finally {
      await r.close();
    }
  });
});

describe('the emulator’s upload URL and argument checks', () => {
  it('checks arguments, serves the URL on 127.0.0.1, takes the declared length once, completes uploaded files only', async () => {
    const emu = await startSlackEmulator({ scopes: manifestScopes() });
    const call = async (method: string, form: Record<string, string>) =>
      (await (
        await fetch(`${emu.apiUrl}${method}`, {
          method: 'POST',
          headers: { authorization: 'Bearer xoxb-test', 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(form).toString(),
        })
      ).json()) as { ok: boolean; error?: string; upload_url?: string; file_id?: string };
    try {
      expect((await call('files.getUploadURLExternal', { length: '3' })).error).toBe('invalid_arguments');
      expect((await call('files.getUploadURLExternal', { filename: 'a.png', length: '0' })).error).toBe(
        'invalid_arguments',
      );
      const got = await call('files.getUploadURLExternal', { filename: 'a.png', length: '3' });
      expect(got.upload_url?.startsWith('http://127.0.0.1:')).toBe(true);
      const files = JSON.stringify([{ id: got.file_id, title: 'A' }]);
      emu.setChannel('CIN', { botIsMember: true });
      expect((await call('files.completeUploadExternal', { files, channel_id: 'CIN' })).error).toBe(
        'file_upload_not_complete',
      );
      const post = (bytes: string) =>
        fetch(got.upload_url ?? '', { method: 'POST', body: bytes }).then((r) => r.status);
      expect(await post('four')).toBe(400);
      expect(await post('abc')).toBe(200);
      expect(await post('abc')).toBe(404);
      expect((await call('files.completeUploadExternal', { files, channel_id: 'COUT' })).error).toBe(
        'not_in_channel',
      );
      expect((await call('files.completeUploadExternal', { files, channel_id: 'CIN' })).ok).toBe(true);
      expect((await call('files.completeUploadExternal', { files, channel_id: 'CIN' })).error).toBe(
        'file_not_found',
      );
      expect(emu.files.map((f) => [f.channel, f.bytes.toString()])).toEqual([['CIN', 'abc']]);
    } finally {
      await emu.close();
    }
  });
});
