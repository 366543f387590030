import type { Channels } from './slack-channels.js';
import { type ChatState, postEphemeral, postMessage, updateMessage } from './slack-chat.js';
import type { SlackFiles } from './slack-files.js';
import { modalProblems } from './slack-modal.js';
import type { Triggers } from './slack-triggers.js';
import { flag, jsonField, type Params, type ResolvedOptions, type SlackUser, str } from './slack-types.js';

/** A modal opened through views.open. */
export interface OpenedView {
  readonly id: string;
  readonly trigger_id: string;
  readonly view: Params;
  readonly at: number;
}

/** Everything the Web API methods read and write. */
export interface WebApiState extends ChatState {
  readonly options: ResolvedOptions;
  readonly users: Map<string, SlackUser>;
  readonly views: OpenedView[];
  readonly channels: Channels;
  readonly triggers: Triggers;
  readonly files: SlackFiles;
  /** The URL apps.connections.open hands out. */
  socketUrl(): string;
}

type Method = (body: Params, state: WebApiState) => Params;

/** The Slack error for calling `method` with `token`, or undefined when the token is the right one. */
export function authError(
  method: string,
  token: string | undefined,
  options: ResolvedOptions,
): string | undefined {
  const [wanted, other] =
    method === 'apps.connections.open'
      ? [options.appToken, options.botToken]
      : [options.botToken, options.appToken];
  if (token === wanted) return undefined;
  return token === other ? 'not_allowed_token_type' : 'invalid_auth';
}

function history(body: Params, state: WebApiState): Params {
  const channel = str(body.channel);
  if (!channel) return { ok: false, error: 'channel_not_found' };
  const denied = state.channels.readError(channel);
  if (denied) return denied;
  const limit = Math.min(Math.max(Number(str(body.limit) ?? 100) || 100, 1), 999);
  const page = state.store.history(channel, {
    limit,
    oldest: str(body.oldest),
    latest: str(body.latest),
    inclusive: flag(body.inclusive),
    cursor: str(body.cursor),
    includeMetadata: flag(body.include_all_metadata),
  });
  return {
    ok: true,
    messages: page.messages,
    has_more: page.has_more,
    pin_count: 0,
    response_metadata: { next_cursor: page.next_cursor },
  };
}

/** The UTC offset of an IANA zone now, in seconds (0 for an unknown zone). */
function tzOffset(tz: string): number {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      timeZoneName: 'longOffset',
    }).formatToParts();
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(parts.find((p) => p.type === 'timeZoneName')?.value ?? '');
    return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60) : 0;
  } catch {
    return 0;
  }
}

function usersInfo(body: Params, state: WebApiState): Params {
  const user = state.users.get(str(body.user) ?? '');
  if (!user) return { ok: false, error: 'user_not_found' };
  const profile = { real_name: user.name, display_name: user.name };
  return {
    ok: true,
    user: {
      ...user,
      team_id: state.options.teamId,
      deleted: false,
      real_name: user.name,
      tz_label: user.tz,
      tz_offset: tzOffset(user.tz),
      is_primary_owner: user.is_owner,
      is_restricted: false,
      is_ultra_restricted: false,
      is_bot: false,
      is_app_user: false,
      updated: 1_700_000_000,
      profile,
    },
  };
}

function viewsOpen(body: Params, state: WebApiState): Params {
  const trigger_id = str(body.trigger_id);
  if (!trigger_id) return { ok: false, error: 'invalid_trigger_id' };
  const parsed = jsonField(body.view);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) {
    return { ok: false, error: 'invalid_arguments' };
  }
  const problems = modalProblems(parsed.value);
  if (problems.length > 0) {
    state.violations.push({ method: 'views.open', problems, body, at: Date.now() });
    return { ok: false, error: 'invalid_arguments', response_metadata: { messages: problems } };
  }
  const expired = state.triggers.use(trigger_id);
  if (expired) return { ok: false, error: expired };
  const { options } = state;
  const id = `V${String(state.views.length + 1).padStart(8, '0')}`;
  const view: Params = {
    id,
    team_id: options.teamId,
    private_metadata: '',
    callback_id: '',
    external_id: '',
    ...(parsed.value as Params),
    state: { values: {} },
    hash: `${Math.floor(Date.now() / 1000)}.${id}`,
    previous_view_id: null,
    root_view_id: id,
    app_id: options.appId,
    app_installed_team_id: options.teamId,
    bot_id: options.botId,
  };
  state.views.push({ id, trigger_id, view, at: Date.now() });
  return { ok: true, view };
}

/** The Web API methods the emulator answers, by name. */
export const webApiMethods: Readonly<Record<string, Method>> = {
  'auth.test': (_body, { options }) => ({
    ok: true,
    url: 'https://emu.slack.local/',
    team: 'Emu',
    user: 'bot',
    team_id: options.teamId,
    user_id: options.botUserId,
    bot_id: options.botId,
    is_enterprise_install: false,
  }),
  'chat.postMessage': (body, state) =>
    state.channels.postError(str(body.channel) ?? '') ?? postMessage(body, state),
  'chat.postEphemeral': postEphemeral,
  'chat.update': updateMessage,
  'conversations.history': history,
  'conversations.join': (body, state) => {
    const channel = str(body.channel);
    return channel ? state.channels.join(channel) : { ok: false, error: 'channel_not_found' };
  },
  'conversations.open': (body, state) => {
    const scope = state.channels.missingScope('im:write');
    if (scope) return scope;
    const ids = (str(body.users) ?? '').split(',').filter(Boolean);
    if (ids.length !== 1)
      return { ok: false, error: ids.length ? 'not_implemented' : 'users_list_not_supplied' };
    if (!state.users.has(ids[0] as string)) return { ok: false, error: 'user_not_found' };
    const id = `D${ids[0]}`;
    state.channels.set(id, { botIsMember: true });
    return { ok: true, channel: { id, is_im: true, user: ids[0] } };
  },
  'files.getUploadURLExternal': (body, state) => state.files.getUploadURLExternal(body),
  'files.completeUploadExternal': (body, state) => state.files.completeUploadExternal(body),
  'users.info': (body, state) => state.channels.missingScope('users:read') ?? usersInfo(body, state),
  'views.open': viewsOpen,
  'apps.connections.open': (_body, state) => ({ ok: true, url: state.socketUrl() }),
};
