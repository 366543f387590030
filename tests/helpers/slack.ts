import { createSlack, type SlackPlatform } from '../../src/platforms/slack/slack-app.js';
import { type SlackEmulator, startSlackEmulator } from '../emulators/slack-emulator.js';
import { slashCommandBody } from '../emulators/slack-payloads.js';
import { signedFormHeaders } from '../emulators/slack-signing.js';
import { seededBot, silentLog } from './bot.js';

export const SECRET = 'test-signing-secret';

/** A loopback Slack, a seeded bot and our real Slack app (HTTP mode unless `socket`), wired together. */
export async function slackRig(
  nowIso: string,
  o: { socket?: boolean; gapMs?: number; bodyTimeoutMs?: number } = {},
) {
  const emu: SlackEmulator = await startSlackEmulator({
    users: {
      UADMIN: { id: 'UADMIN', is_admin: true, tz: 'Europe/Paris' },
      UREADER: { id: 'UREADER', tz: 'America/New_York' },
    },
  });
  const t = await seededBot(nowIso, { EDITORS: 'slack:UEDITOR' });
  const slack: SlackPlatform = createSlack(
    t.bot,
    {
      botToken: 'xoxb-test',
      appToken: o.socket ? 'xapp-test' : undefined,
      signingSecret: SECRET,
      port: 0,
      host: '127.0.0.1',
      apiUrl: emu.apiUrl,
      adminsAreEditors: true,
      wallClock: Date.now,
      perChannelGapMs: o.gapMs ?? 0,
      bodyTimeoutMs: o.bodyTimeoutMs,
    },
    silentLog,
  );
  const { port } = await slack.start();
  const url = `http://127.0.0.1:${port}/slack/events`;
  let n = 0;
  /** Sends `/trade <text>` as Slack would; returns the status and the reply, from the ack or the response_url. */
  async function slash(
    text: string,
    who = 'UREADER',
    extra: { channelId?: string; triggerId?: string; noReply?: boolean } = {},
  ) {
    const id = `r${++n}`;
    const body = slashCommandBody({
      text,
      userId: who,
      responseUrl: emu.responseUrl(id),
      channelId: extra.channelId ?? 'CTRADE',
      triggerId: extra.triggerId ?? `trigger-${n}`,
    });
    const res = await fetch(url, { method: 'POST', body, headers: signedFormHeaders(SECRET, body) });
    const raw = await res.text();
    let reply = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    if (!extra.noReply && !reply?.blocks) {
      await emu.waitUntil(() => emu.responses.some((r) => r.id === id), 5000);
      reply = emu.responses.find((r) => r.id === id)?.body;
    }
    return {
      status: res.status,
      reply: reply as {
        blocks: { type: string; text?: { text: string } }[];
        response_type: string;
        text: string;
      },
    };
  }
  return {
    emu,
    t,
    slack,
    url,
    slash,
    async close() {
      await slack.stop();
      await t.close();
      await emu.close();
    },
  };
}

/** All the text of a Block Kit message, for assertions on what a reader sees. */
export function blockText(message: { blocks?: unknown[] } | undefined): string {
  return JSON.stringify(message?.blocks ?? []);
}
