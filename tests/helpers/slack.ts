import { readFileSync } from 'node:fs';
import type { Bot } from '../../src/bot.js';
import { createSlack, type SlackPlatform } from '../../src/platforms/slack/slack-app.js';
import { type SlackEmulator, startSlackEmulator } from '../emulators/slack-emulator.js';
import { slashCommandBody } from '../emulators/slack-payloads.js';
import { restarted, seededBot, silentLog, slowed } from './bot.js';

export const SECRET = 'test-signing-secret';

/** The bot scopes manifest.json asks for: what a workspace grants an app installed from it. */
export function manifestScopes(): string[] {
  const manifest = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8')) as {
    oauth_config: { scopes: { bot: string[] } };
  };
  return manifest.oauth_config.scopes.bot;
}

/** A loopback Slack, a seeded bot and our real Slack app (HTTP mode unless `socket`), wired together. */
export async function slackRig(
  nowIso: string,
  o: {
    socket?: boolean;
    gapMs?: number;
    slowMs?: number;
    bodyTimeoutMs?: number;
    /** Wraps the bot the app gets (e.g. to count its dispatches); applied again after a restart. */
    wrap?: (bot: Bot) => Bot;
  } = {},
) {
  const emu: SlackEmulator = await startSlackEmulator({
    scopes: manifestScopes(),
    users: {
      UADMIN: { id: 'UADMIN', is_admin: true, tz: 'Europe/Paris' },
      UREADER: { id: 'UREADER', tz: 'America/New_York' },
    },
  });
  let t = await seededBot(nowIso, { EDITORS: 'slack:UEDITOR' });
  const app = async (bot: typeof t.bot) => {
    const platform: SlackPlatform = createSlack(
      (o.wrap ?? ((b: Bot) => b))(o.slowMs ? slowed(bot, o.slowMs) : bot),
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
    const { port } = await platform.start();
    return { platform, url: `http://127.0.0.1:${port}/slack/events` };
  };
  let { platform: slack, url } = await app(t.bot);
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
    const ack = await emu.sendHttp(url, body, { secret: SECRET });
    if (ack.timedOut) throw new Error(`Slack gave up: /trade ${text} was not acknowledged in time`);
    let reply = ack.json;
    if (!extra.noReply && !reply?.blocks) {
      await emu.waitUntil(() => emu.responses.some((r) => r.id === id), 8000);
      reply = emu.responses.find((r) => r.id === id)?.body;
    }
    return {
      status: ack.status,
      reply: reply as {
        blocks: { type: string; text?: { text: string } }[];
        response_type: string;
        text: string;
      },
    };
  }
  const rig = {
    emu,
    t,
    slack,
    url,
    slash,
    /** Stops our app and starts a new one on the store reopened from its file, as a new process would. */
    async restart() {
      await slack.stop();
      t = await restarted(t);
      ({ platform: slack, url } = await app(t.bot));
      Object.assign(rig, { t, slack, url });
    },
    async close() {
      await slack.stop();
      await t.close();
      await emu.close();
    },
  };
  return rig;
}

/** All the text of a Block Kit message, for assertions on what a reader sees. */
export function blockText(message: { blocks?: unknown[] } | undefined): string {
  return JSON.stringify(message?.blocks ?? []);
}
