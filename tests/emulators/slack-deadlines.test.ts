import type { App } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { failure, httpApp, listen, socketApp, webClient } from './slack-bolt-apps.js';
import { type SlackEmulator, startSlackEmulator } from './slack-emulator.js';
import { viewSubmissionBody } from './slack-interactions.js';
import { slashCommandBody, slashCommandFields } from './slack-payloads.js';
import type { SlackEmulatorOptions } from './slack-types.js';

let emu: SlackEmulator | undefined;
let app: App | undefined;

afterEach(async () => {
  await app?.stop();
  app = undefined;
  await emu?.waitUntil(() => emu?.connections() === 0, 5000);
  await emu?.close();
  emu = undefined;
});

/** An emulator with `options` and a real Bolt app (HTTP unless `socket`) whose /trade handler is `handler`. */
async function rig(options: SlackEmulatorOptions, handler: Parameters<App['command']>[1], socket = false) {
  const e = await startSlackEmulator(options);
  emu = e;
  const a = socket ? socketApp(e) : httpApp(e);
  app = a;
  a.command('/trade', handler);
  if (socket) {
    await a.start();
    await e.waitUntil(() => e.connections() === 1, 10_000);
    return { emu: e, url: '' };
  }
  return { emu: e, url: await listen(a) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fields = (e: SlackEmulator, triggerId = 'trig-1') =>
  slashCommandFields({ text: 'brief', responseUrl: e.responseUrl('r'), triggerId });
const bigAck = { text: 'x', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) };
const modal = (title: string) => ({
  type: 'modal' as const,
  callback_id: 'form',
  title: { type: 'plain_text' as const, text: title },
  submit: { type: 'plain_text' as const, text: 'Add' },
  blocks: [
    { type: 'input', label: { type: 'plain_text', text: 'Title' }, element: { type: 'plain_text_input' } },
  ],
});

describe('Slack emulator: acknowledgement deadline (scaled to 300 ms here; 3 s by default)', () => {
  it('HTTP: an ack after the deadline is given up on, and the user sees operation_timeout', async () => {
    const { emu, url } = await rig({ ackDeadlineMs: 300 }, async ({ ack }) => {
      await sleep(500);
      await ack({ text: 'late' });
    });
    const late = await emu.sendHttp(url, new URLSearchParams(fields(emu)).toString());
    expect(late).toMatchObject({ timedOut: true, status: 0 });
    expect(emu.violations.map((v) => [v.method, v.problems[0]])).toEqual([
      ['ack', 'operation_timeout: not acknowledged within 300 ms'],
    ]);
  });

  it('HTTP: an ack within the deadline passes; one breaking Block Kit limits is recorded', async () => {
    const { emu, url } = await rig({ ackDeadlineMs: 300 }, async ({ ack, command }) =>
      ack(command.text === 'big' ? bigAck : { text: 'ok', response_type: 'ephemeral' }),
    );
    const body = (text: string) => slashCommandBody({ text, responseUrl: emu.responseUrl(text) });
    expect(await emu.sendHttp(url, body('small'))).toMatchObject({ status: 200, json: { text: 'ok' } });
    expect(emu.violations).toEqual([]);
    await emu.sendHttp(url, body('big'));
    expect(emu.violations.map((v) => [v.method, v.problems])).toEqual([
      ['ack', ['[ERROR] no more than 50 items allowed [json-pointer:/blocks]']],
    ]);
  });

  it('Socket Mode: a late ack, and no ack at all, are timeouts; an oversized ack is recorded', async () => {
    const { emu } = await rig(
      { ackDeadlineMs: 300 },
      async ({ ack, command }) => {
        if (command.text === 'never') return;
        if (command.text === 'late') await sleep(500);
        await ack(command.text === 'big' ? bigAck : { text: 'ok' });
      },
      true,
    );
    const send = (text: string) =>
      emu.sendEnvelope('slash_commands', slashCommandFields({ text, responseUrl: emu.responseUrl(text) }));
    await emu.waitForAck(send('fine'));
    expect(emu.violations).toEqual([]);
    await emu.waitForAck(send('big'));
    await emu.waitForAck(send('late'));
    send('never');
    await emu.waitUntil(() => emu.violations.length >= 3, 3000);
    expect(emu.violations.map((v) => v.problems[0])).toEqual([
      '[ERROR] no more than 50 items allowed [json-pointer:/blocks]',
      'operation_timeout: not acknowledged within 300 ms', // Slack gave up before the late ack came
      'operation_timeout: not acknowledged within 300 ms',
    ]);
  });

  it('a view submission ack must be a known response_action with usable errors or a valid modal', async () => {
    const { emu, url } = await rig({}, async ({ ack }) => ack());
    const acks: Record<string, unknown>[] = [
      { response_action: 'errors', errors: { title: 'Too short' } },
      { response_action: 'close' },
      { response_action: 'errors', errors: { title: '' } },
      { response_action: 'update', view: modal('A title far longer than 24 chars') },
    ];
    let n = 0;
    app?.view('form', async ({ ack }) => ack(acks[n++] as never));
    for (let i = 0; i < acks.length; i++) {
      await emu.sendHttp(url, viewSubmissionBody({ callbackId: 'form', values: {} }));
    }
    expect(emu.violations.map((v) => v.problems)).toEqual([
      ['[ERROR] must be one of: errors, update, push, clear [json-pointer:/response_action]'],
      ['[ERROR] must be a non-empty string [json-pointer:/errors/title]'],
      ['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]'],
    ]);
  });
});

describe('Slack emulator: views.open', () => {
  it('opens a modal within the limits once per trigger id, and refuses unknown, used and expired ones', async () => {
    const { emu, url } = await rig({ triggerTtlMs: 300 }, async ({ ack }) => ack());
    const client = webClient(emu);
    const open = (trigger_id: string, title = 'Add an event') =>
      client.views.open({ trigger_id, view: modal(title) as never });
    expect((await failure(open('never-issued'))).data).toMatchObject({ error: 'invalid_trigger_id' });
    await emu.sendHttp(url, new URLSearchParams(fields(emu, 'trig-ok')).toString());
    expect((await open('trig-ok')).ok).toBe(true);
    expect((await failure(open('trig-ok'))).data).toMatchObject({ error: 'exchanged_trigger_id' });
    await emu.sendHttp(url, new URLSearchParams(fields(emu, 'trig-slow')).toString());
    await sleep(400);
    expect((await failure(open('trig-slow'))).data).toMatchObject({ error: 'expired_trigger_id' });
    expect(emu.violations).toEqual([]);
    await emu.sendHttp(url, new URLSearchParams(fields(emu, 'trig-long')).toString());
    const long = await failure(open('trig-long', 'A title of twenty-five c.'));
    expect(long.data).toMatchObject({
      error: 'invalid_arguments',
      response_metadata: {
        messages: ['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]'],
      },
    });
    expect(emu.violations.map((v) => v.method)).toEqual(['views.open']);
    expect(emu.views.map((v) => v.trigger_id)).toEqual(['trig-ok']);
  });
});
