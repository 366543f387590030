import { commandListIssues, storedCommand } from './discord-commands.js';
import { apiError } from './discord-errors.js';
import { botUser, snowflake, textChannel } from './discord-fixtures.js';
import type { RestReply, RestRequest, RestRoute } from './discord-http.js';
import { asArray, asObject, type JsonObject } from './discord-json.js';
import type { DiscordState } from './discord-state.js';

const MISSING_ACCESS = { status: 403, body: apiError(50001, 'Missing Access') };

/** The key commands are stored under: 'global' or the guild id. */
export function commandScope(guildId?: string): string {
  return guildId ?? 'global';
}

/** PUT .../commands: checks Discord's rules, then replaces the scope's commands (keeping ids by name). */
function putCommands(state: DiscordState, request: RestRequest, guildId?: string): RestReply {
  const [app] = request.params;
  if (app !== state.options.applicationId || (guildId !== undefined && guildId !== state.options.guildId)) {
    return MISSING_ACCESS;
  }
  const issues = commandListIssues(request.body);
  if (issues.length > 0) return state.refuse(`PUT ${request.path}`, issues, request.body);
  const scope = commandScope(guildId);
  const before = state.commands.get(scope) ?? [];
  const stored = (asArray(request.body) ?? []).map((item) => {
    const command = asObject(item) ?? {};
    const same = before.find((c) => c.name === command.name && (c.type ?? 1) === (command.type ?? 1));
    const id = typeof same?.id === 'string' ? same.id : snowflake();
    const ids = { applicationId: app, id, version: snowflake() };
    return storedCommand(command, guildId === undefined ? ids : { ...ids, guildId });
  });
  state.commands.set(scope, stored);
  return { status: 200, body: stored };
}

function getCommands(state: DiscordState, request: RestRequest, guildId?: string): RestReply {
  if (request.params[0] !== state.options.applicationId) return MISSING_ACCESS;
  if (guildId !== undefined && guildId !== state.options.guildId) return MISSING_ACCESS;
  return { status: 200, body: state.commands.get(commandScope(guildId)) ?? [] };
}

/** Gateway discovery, the bot user, channels and application commands. */
export function baseRoutes(state: DiscordState, gatewayUrl: () => string): RestRoute[] {
  const o = state.options;
  const limit: JsonObject = { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 };
  return [
    {
      method: 'GET',
      pattern: /^\/gateway\/bot$/,
      bot: true,
      handle: () => ({ status: 200, body: { url: gatewayUrl(), shards: 1, session_start_limit: limit } }),
    },
    { method: 'GET', pattern: /^\/gateway$/, handle: () => ({ status: 200, body: { url: gatewayUrl() } }) },
    {
      method: 'GET',
      pattern: /^\/users\/@me$/,
      bot: true,
      handle: () => ({ status: 200, body: botUser(o) }),
    },
    {
      method: 'GET',
      pattern: /^\/channels\/(\d+)$/,
      bot: true,
      handle: (r) => ({ status: 200, body: textChannel(o, r.params[0]) }),
    },
    {
      method: 'PUT',
      pattern: /^\/applications\/(\d+)\/commands$/,
      fault: 'commands',
      bot: true,
      handle: (r) => putCommands(state, r),
    },
    {
      method: 'PUT',
      pattern: /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/,
      fault: 'commands',
      bot: true,
      handle: (r) => putCommands(state, r, r.params[1]),
    },
    {
      method: 'GET',
      pattern: /^\/applications\/(\d+)\/commands$/,
      bot: true,
      handle: (r) => getCommands(state, r),
    },
    {
      method: 'GET',
      pattern: /^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/,
      bot: true,
      handle: (r) => getCommands(state, r, r.params[1]),
    },
  ];
}
