import type { AddressInfo } from 'node:net';
import {
  App,
  type BlockAction,
  type Logger as BoltLogger,
  type ButtonAction,
  LogLevel,
  type SlashCommand,
} from '@slack/bolt';
import type { Bot } from '../../bot.js';
import type { Logger } from '../../log/logger.js';
import { within } from '../quick-answer.js';
import { ACCEPT_FORM, ADD_FORMS, type AddForm, openForm, submitForm } from './add-forms.js';
import { BUTTON_ACTION_ID, FORM_ACTION_ID } from './block-kit.js';
import { buttonActionHandler } from './button-action.js';
import { editButtonHandler, formTarget } from './edit-button.js';
import { guardedServer } from './http-guard.js';
import { jsonAckOver, slackHttpReceiver } from './http-receiver.js';
import { escapeSlack } from './mrkdwn.js';
import { slackDelivery } from './slack-delivery.js';
import { fileSender } from './slack-files.js';
import { slackUsers } from './slack-users.js';
import { type SlashArgs, slashCommandHandler } from './slash-command.js';
import { LeanSocketModeReceiver } from './socket-receiver.js';

export interface SlackOptions {
  readonly botToken: string;
  /** Socket Mode when set; HTTP mode (signing secret, port) otherwise. */
  readonly appToken?: string;
  readonly signingSecret?: string;
  readonly port: number;
  readonly host?: string;
  /** Web API base, e.g. a proxy or the test emulator; Slack's own when unset. */
  readonly apiUrl?: string;
  readonly adminsAreEditors: boolean;
  /** Wall-clock time for request signatures and pacing (the composition root passes the system clock). */
  readonly wallClock: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly perChannelGapMs?: number;
  /** HTTP mode: how long a request may take to arrive in full (default 10 s). */
  readonly bodyTimeoutMs?: number;
}

const SLOW_PROFILE = 'Slack took too long to tell us who you are. Press Add again; nothing was added.';
const FOREIGN_FORM = 'This form is not one this bot made. Nothing was changed.';

/** A pattern matching exactly these names. */
const oneOf = (names: readonly string[]): RegExp =>
  new RegExp(`^(?:${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);

/** Bolt's logger routed to ours, which redacts anything shaped like a token. */
function boltLogger(log: Logger): BoltLogger {
  return {
    debug: (...m) => log.debug(`slack: ${m.join(' ')}`),
    info: (...m) => log.info(`slack: ${m.join(' ')}`),
    warn: (...m) => log.warn(`slack: ${m.join(' ')}`),
    error: (...m) => log.error(`slack: ${m.join(' ')}`),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

/** The bot in Slack: `/trade`, its buttons and forms (add, a proposal's Edit) over Socket Mode or HTTP, and delivery of scheduled posts. */
export function createSlack(bot: Bot, o: SlackOptions, log: Logger) {
  const logger = boltLogger(log);
  // No blind retries: a post re-sent after a dropped connection could appear twice. Our delivery retries
  // itself, after looking for the post in the channel's history.
  const clientOptions = { slackApiUrl: o.apiUrl, rejectRateLimitedCalls: true, retryConfig: { retries: 0 } };
  // Socket Mode when an app-level token is set, HTTP otherwise. No conversation store: the bot keeps no
  // per-conversation state, and Bolt's default one builds an Error (with a stack) for every request.
  const http = o.appToken ? undefined : slackHttpReceiver(o.signingSecret ?? '', logger);
  const receiver = http?.receiver ?? new LeanSocketModeReceiver(o.appToken ?? '', logger, clientOptions);
  const app = new App({
    token: o.botToken,
    receiver,
    socketMode: Boolean(o.appToken),
    convoStore: false,
    // Bolt's default global middleware that drops Events API events sent by this app itself: we listen to no
    // events (Bolt acks them for us and nothing else sees them), so it only cost every request one more step.
    ignoreSelf: false,
    logger,
    clientOptions,
    deferInitialization: true,
  });
  const users = slackUsers(app.client, o.wallClock);
  const isEditor = async (id: string) =>
    bot.isListedEditor('slack', id) || (o.adminsAreEditors && (await users(id)).isAdmin);

  const slash = slashCommandHandler({
    bot,
    log,
    user: users,
    adminsAreEditors: o.adminsAreEditors,
    openAddForm: (form, trigger, channel) => openForm(app.client, form, trigger, channel),
    sendFiles: fileSender(app.client),
  });
  // `/trade` is answered from a global middleware, not a listener: Bolt runs every listener's middleware chain for
  // every request (two to three steps each, every step a copy of the request's arguments), so a command went
  // through three chains, two of them only to be turned away. Here it stops at the first step that sees it; any
  // other request goes on to the listeners as before (what `app.command('/trade')` matched: a command named /trade).
  app.use((args) => {
    const command: SlashCommand | undefined = 'command' in args ? args.command : undefined;
    if (command?.command !== '/trade') return args.next();
    const { ack, respond } = args as typeof args &
      Pick<SlashArgs, 'respond'> & {
        ack: Parameters<typeof jsonAckOver>[0];
      };
    // Socket Mode's receiver sends a written answer (JsonBody) itself; over HTTP, jsonAckOver hands it to Bolt.
    return slash({
      command,
      ack: http ? jsonAckOver(ack, args.context) : (ack as SlashArgs['ack']),
      respond,
    });
  });
  // One listener per kind of request: the forms share one view listener and the buttons one action listener.
  const forms = new Map([...ADD_FORMS, ACCEPT_FORM].map((f) => [f.callbackId, f]));
  app.view(oneOf([...forms.keys()]), async ({ ack, body, view, client }) => {
    const form = forms.get(view.callback_id) as AddForm;
    const userId = body.user.id;
    const target = formTarget(bot, form, view.private_metadata);
    if (!target) return ack({ response_action: 'errors', errors: { title: FOREIGN_FORM } });
    // This ack carries the form's errors and Slack waits 3 s for it: a slow users.info must not use it up.
    const profile = await within(users(userId));
    if (!profile) return ack({ response_action: 'errors', errors: { title: SLOW_PROFILE } });
    const result = await submitForm(
      bot,
      form,
      view.state.values,
      userId,
      target.channel,
      profile.tz,
      await isEditor(userId),
      target.prefilled,
    );
    if ('errors' in result) return ack({ response_action: 'errors', errors: result.errors });
    await ack();
    await client.chat
      .postEphemeral({
        channel: target.channel,
        user: userId,
        text: escapeSlack(result.reply.title),
      })
      .catch((err) => log.warn(`could not confirm the ${form.command} form`, err));
  });
  const press = buttonActionHandler(bot, log, isEditor);
  const pressEdit = editButtonHandler(bot, log, isEditor);
  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: new RegExp(`${BUTTON_ACTION_ID.source}|${FORM_ACTION_ID.source}`) },
    (args) => (FORM_ACTION_ID.test(args.action.action_id) ? pressEdit(args) : press(args)),
  );
  app.error(async (err) => log.error('slack handler failed', err));

  const post = slackDelivery(
    app.client,
    {
      now: o.wallClock,
      sleep: o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
      perChannelGapMs: o.perChannelGapMs ?? 1100,
    },
    log,
  );
  let server: ReturnType<typeof guardedServer> | undefined;
  let socketUp = false;
  if (receiver instanceof LeanSocketModeReceiver) {
    receiver.client.on('connected', () => {
      socketUp = true;
    });
    receiver.client.on('disconnected', () => {
      socketUp = false;
    });
  }
  return {
    app,
    /** Whether Slack can reach us now: the Socket Mode connection is up, or the HTTP server listens. */
    connected: (): boolean => (server ? server.listening : socketUp),
    /** Posts a scheduled message to a Slack channel, once (see slackDelivery). */
    deliver: post,
    /** Connects (Socket Mode) or listens (HTTP); resolves with the HTTP port, if any. */
    async start(): Promise<{ port?: number }> {
      // auth.test: a wrong token or an unreachable Slack is a clear start-up error, not a crash later.
      await app.init().catch((err: { data?: { error?: string }; message?: string }) => {
        throw new Error(
          `Slack refused or could not be reached: ${err.data?.error ?? err.message ?? String(err)}`,
        );
      });
      if (!http) {
        await app.start();
        return {};
      }
      server = guardedServer(http.listener, {
        path: '/slack/events',
        now: o.wallClock,
        bodyTimeoutMs: o.bodyTimeoutMs ?? 10_000,
        log,
      });
      await new Promise<void>((resolve, reject) => {
        server?.once('error', reject);
        server?.listen(o.port, o.host ?? '0.0.0.0', () => resolve());
      });
      return { port: (server.address() as AddressInfo).port };
    },
    async stop(): Promise<void> {
      if (server) {
        const closed = new Promise<void>((r) => server?.close(() => r()));
        server.closeIdleConnections(); // keep-alive sockets would otherwise hold the close for seconds
        await closed;
      } else await app.stop();
    },
  };
}

export type SlackPlatform = ReturnType<typeof createSlack>;
