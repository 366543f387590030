import type { App } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blockKitProblems } from './slack-block-kit.js';
import { failure, httpApp, listen, postSigned, socketApp, webClient } from './slack-bolt-apps.js';
import { type SlackEmulator, startSlackEmulator } from './slack-emulator.js';
import { blockActionsBody, viewSubmissionBody } from './slack-interactions.js';
import { slashCommandBody, slashCommandFields } from './slack-payloads.js';

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

let emu: SlackEmulator;
let app: App | undefined;

beforeEach(async () => {
  emu = await startSlackEmulator(); // before new App(): its constructor calls auth.test
});

afterEach(async () => {
  await app?.stop();
  app = undefined;
  await emu.waitUntil(() => emu.connections() === 0, 5000); // socket mode's stop() resolves before the close
  await emu.close();
});

describe('Slack emulator, HTTP mode with the real Bolt', () => {
  it('answers a signed slash command: ack, respond to the response_url, say via chat.postMessage', async () => {
    app = httpApp(emu);
    app.command('/trade', async ({ ack, respond, say }) => {
      await ack();
      await respond({ text: 'hi', response_type: 'ephemeral' });
      await say('posted');
    });
    const url = await listen(app);
    const body = slashCommandBody({
      text: 'list',
      channelId: 'C9',
      userId: 'U9',
      responseUrl: emu.responseUrl('r1'),
    });
    expect((await postSigned(url, body)).status).toBe(200);
    const post = await emu.waitFor((c) => c.method === 'chat.postMessage');
    expect(post.headers.authorization).toBe('Bearer xoxb-test');
    expect(post.body).toMatchObject({ channel: 'C9', text: 'posted' });
    await emu.waitUntil(() => emu.responses.length === 1);
    expect(emu.responses[0]).toMatchObject({ id: 'r1', body: { text: 'hi', response_type: 'ephemeral' } });
    expect(emu.posted('C9').map((m) => m.text)).toEqual(['posted']);
    expect(emu.violations).toEqual([]);
  });

  it('refuses a bad signature with 401', async () => {
    app = httpApp(emu);
    app.command('/trade', async ({ ack }) => ack());
    const url = await listen(app);
    const body = slashCommandBody({
      text: 'list',
      channelId: 'C9',
      userId: 'U9',
      responseUrl: emu.responseUrl('r'),
    });
    expect((await postSigned(url, body, 'wrong-secret')).status).toBe(401);
    expect(emu.responses).toEqual([]);
  });

  it('delivers block_actions and view_submission payloads that Bolt routes', async () => {
    app = httpApp(emu);
    const seen: unknown[] = [];
    app.action('approve', async ({ ack, action }) => {
      await ack();
      seen.push('value' in action ? action.value : undefined);
    });
    app.view('trade_form', async ({ ack, view }) => {
      await ack();
      seen.push(view.private_metadata, view.state.values.b1?.a1?.value);
    });
    const url = await listen(app);
    const click = blockActionsBody({ actionId: 'approve', value: 'm42', responseUrl: emu.responseUrl('a') });
    expect((await postSigned(url, click)).status).toBe(200);
    const values = { b1: { a1: { type: 'plain_text_input', value: 'steel' } } };
    const submit = viewSubmissionBody({ callbackId: 'trade_form', values, privateMetadata: 'C9' });
    expect((await postSigned(url, submit)).status).toBe(200);
    expect(seen).toEqual(['m42', 'C9', 'steel']);
  });
});

describe('Slack emulator, Socket Mode with the real Bolt', () => {
  it('acks envelopes before and after a server-requested reconnect', async () => {
    app = socketApp(emu);
    app.command('/trade', async ({ ack, command }) => ack({ text: `ack ${command.text}` }));
    await app.start();
    const open = await emu.waitFor((c) => c.method === 'apps.connections.open');
    expect(open.headers.authorization).toBe('Bearer xapp-test');
    const fields = (text: string) => slashCommandFields({ text, responseUrl: emu.responseUrl(text) });
    const first = emu.sendEnvelope('slash_commands', fields('one'));
    expect(await emu.waitForAck(first)).toEqual({ text: 'ack one' });

    await emu.disconnectAll('refresh_requested');
    expect(emu.connections()).toBe(0);
    const opens = () => emu.calls.filter((c) => c.method === 'apps.connections.open').length;
    await emu.waitUntil(() => opens() === 2 && emu.connections() === 1, 15_000); // Bolt waits ~5 s first
    const second = emu.sendEnvelope('slash_commands', fields('two'));
    expect(await emu.waitForAck(second)).toEqual({ text: 'ack two' });
  });
});

describe('blockKitProblems', () => {
  it('finds what Slack refuses and passes what it accepts', () => {
    const blocks51 = Array.from({ length: 51 }, () => section('x'));
    expect(blockKitProblems({ blocks: blocks51 })).toEqual([
      '[ERROR] no more than 50 items allowed [json-pointer:/blocks]',
    ]);
    expect(blockKitProblems({ blocks: [section('x'.repeat(3001))] })).toEqual([
      '[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]',
    ]);
    const fields = Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' }));
    expect(blockKitProblems({ blocks: [{ type: 'section', fields }] })).toEqual([
      '[ERROR] no more than 10 items allowed [json-pointer:/blocks/0/fields]',
    ]);
    const header = { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } };
    expect(blockKitProblems({ blocks: [header] })).toHaveLength(1);
    expect(blockKitProblems({ text: 'y'.repeat(40_001) })).toHaveLength(1);
    const ok = [section('x'.repeat(3000)), { type: 'section', fields: fields.slice(1) }, { type: 'divider' }];
    expect(
      blockKitProblems({ text: 'fine', blocks: [...ok, ...Array.from({ length: 47 }, () => section('x'))] }),
    ).toEqual([]);
  });

  it('makes chat.postMessage refuse an oversized message and records the violation', async () => {
    const client = webClient(emu);
    const refused = await failure(
      client.chat.postMessage({ channel: 'C1', text: 't', blocks: [section('x'.repeat(3001))] }),
    );
    expect(refused.data).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(emu.violations).toHaveLength(1);
    expect(emu.posted('C1')).toEqual([]);
    const tooMany = JSON.stringify({ blocks: Array.from({ length: 51 }, () => section('x')) });
    const res = await fetch(emu.responseUrl('r'), {
      method: 'POST',
      body: tooMany,
      headers: { 'Content-Type': 'application/json' },
    });
    expect([res.status, await res.text()]).toEqual([400, 'invalid_blocks']);
    expect(emu.violations.map((v) => v.method)).toEqual(['chat.postMessage', 'response_url']);
  });
});

describe('Slack emulator faults and Web API', () => {
  it('shows an injected 429 to a WebClient that does not retry', async () => {
    emu.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const fast = await failure(
      webClient(emu, { rejectRateLimitedCalls: true }).chat.postMessage({ channel: 'C1', text: 'a' }),
    );
    expect(fast.code).toBe('slack_webapi_rate_limited_error');
    emu.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const waited = await failure(webClient(emu).chat.postMessage({ channel: 'C1', text: 'b' }));
    expect(waited.message).toMatch(/rate limit/i);
    expect(emu.posted('C1')).toEqual([]);
    await webClient(emu).chat.postMessage({ channel: 'C1', text: 'c' });
    expect(emu.posted('C1').map((m) => m.text)).toEqual(['c']);
  });

  it('stores a message whose connection dropped after acceptance, and the client sees a request error', async () => {
    emu.failNext('chat.postMessage', { dropAfterAccept: true });
    const dropped = await failure(webClient(emu).chat.postMessage({ channel: 'C1', text: 'kept' }));
    expect(dropped.code).toBe('slack_webapi_request_error');
    expect(emu.posted('C1').map((m) => m.text)).toEqual(['kept']);
  });

  it('returns injected Slack errors, refuses wrong tokens and keeps history with metadata', async () => {
    emu.failNext('chat.postMessage', { error: 'channel_not_found' });
    const client = webClient(emu);
    expect((await failure(client.chat.postMessage({ channel: 'C1', text: 'x' }))).data).toMatchObject({
      error: 'channel_not_found',
    });
    const metadata = { event_type: 'brief_posted', event_payload: { key: 'digest-1' } };
    emu.setChannel('C1', { botIsMember: true });
    const first = await client.chat.postMessage({ channel: 'C1', text: 'one', metadata });
    await client.chat.postMessage({ channel: 'C1', text: 'two' });
    const history = await client.conversations.history({ channel: 'C1', include_all_metadata: true });
    expect(history.messages?.map((m) => m.text)).toEqual(['two', 'one']);
    expect(history.messages?.[1]?.metadata).toEqual(metadata);
    const later = await client.conversations.history({ channel: 'C1', oldest: first.ts });
    expect(later.messages?.map((m) => m.text)).toEqual(['two']);
    expect(emu.postTimes('C1')).toHaveLength(2);
    const stranger = webClient(emu, { token: 'xoxb-wrong' });
    expect((await failure(stranger.auth.test())).data).toMatchObject({ error: 'invalid_auth' });
    expect((await client.users.info({ user: 'U123' })).user).toMatchObject({
      id: 'U123',
      is_admin: false,
      tz: 'UTC',
    });
  });

  it('models membership: public channels take posts but not reads until joined; private ones need an invite', async () => {
    const client = webClient(emu);
    await client.chat.postMessage({ channel: 'CPUB', text: 'via chat:write.public' });
    const read = () => client.conversations.history({ channel: 'CPUB' });
    expect((await failure(read())).data).toMatchObject({ error: 'not_in_channel' });
    expect((await client.conversations.join({ channel: 'CPUB' })).channel).toMatchObject({ is_member: true });
    expect((await read()).messages?.map((m) => m.text)).toEqual(['via chat:write.public']);
    expect((await client.conversations.join({ channel: 'CPUB' })).warning).toBe('already_in_channel');
    emu.setChannel('GPRIV', { private: true });
    for (const call of [
      client.chat.postMessage({ channel: 'GPRIV', text: 'x' }),
      client.conversations.history({ channel: 'GPRIV' }),
      client.conversations.join({ channel: 'GPRIV' }),
    ]) {
      expect((await failure(call)).data).toMatchObject({ error: 'channel_not_found' });
    }
    emu.setChannel('GPRIV', { botIsMember: true });
    await client.chat.postMessage({ channel: 'GPRIV', text: 'invited' });
    expect((await client.conversations.history({ channel: 'GPRIV' })).messages).toHaveLength(1);
    expect((await failure(client.conversations.join({ channel: 'GPRIV' }))).data).toMatchObject({
      error: 'method_not_supported_for_channel_type',
    });
  });

  it('refuses what the token lacks the scope for, naming the scope', async () => {
    await emu.close();
    emu = await startSlackEmulator({ scopes: ['chat:write'] });
    const client = webClient(emu);
    expect((await failure(client.chat.postMessage({ channel: 'CPUB', text: 'x' }))).data).toMatchObject({
      error: 'not_in_channel',
    });
    expect((await failure(client.conversations.join({ channel: 'CPUB' }))).data).toMatchObject({
      error: 'missing_scope',
      needed: 'channels:join',
    });
    expect((await failure(client.users.info({ user: 'U123' }))).data).toMatchObject({
      error: 'missing_scope',
      needed: 'users:read',
    });
  });
});
