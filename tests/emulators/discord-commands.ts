import { checkText, type Issue, issue } from './discord-errors.js';
import { asArray, asObject, at, type JsonObject } from './discord-json.js';
import { nameIssues, optionsIssues } from './discord-options.js';

const CHAT_INPUT = 1;
const MAX_CHAT_INPUT = 100;

/** Checks one command of a bulk overwrite; `seen` collects `type:name` keys to catch duplicates. */
function commandIssues(issues: Issue[], path: string, value: unknown, seen: Set<string>): void {
  const command = asObject(value);
  if (!command) {
    issues.push(issue(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used'));
    return;
  }
  const type = command.type === undefined ? CHAT_INPUT : Number(command.type);
  if (![1, 2, 3, 4].includes(type)) {
    issues.push(issue(at(path, 'type'), 'BASE_TYPE_CHOICES', 'Value must be one of (1, 2, 3, 4).'));
  }
  const key = `${type}:${String(command.name)}`;
  if (seen.has(key)) {
    issues.push(
      issue(
        at(path, 'name'),
        'APPLICATION_COMMANDS_DUPLICATE_NAME',
        'Application command names must be unique',
      ),
    );
  }
  seen.add(key);
  if (type !== CHAT_INPUT) {
    // User and message commands: 1-32 characters, any case, spaces allowed, no description or options.
    checkText(issues, at(path, 'name'), command.name, { min: 1, max: 32, required: true });
    checkText(issues, at(path, 'description'), command.description || undefined, { max: 0 });
    return;
  }
  nameIssues(issues, at(path, 'name'), command.name);
  checkText(issues, at(path, 'description'), command.description, { min: 1, max: 100, required: true });
  optionsIssues(issues, at(path, 'options'), command.options, 'command');
}

/** Every rule a bulk-overwrite body (PUT .../commands) breaks, located like Discord's form errors. */
export function commandListIssues(body: unknown): Issue[] {
  const list = asArray(body);
  if (!list) return [issue('', 'LIST_TYPE_CONVERT', 'Only iterables may be used in a ListType')];
  const issues: Issue[] = [];
  const seen = new Set<string>();
  list.forEach((command, n) => {
    commandIssues(issues, String(n), command, seen);
  });
  const chatInput = list.filter((c) => (asObject(c)?.type ?? CHAT_INPUT) === CHAT_INPUT).length;
  if (chatInput > MAX_CHAT_INPUT) {
    issues.push(issue('', 'BASE_TYPE_MAX_LENGTH', `Must be ${MAX_CHAT_INPUT} or fewer chat input commands.`));
  }
  return issues;
}

/** The stored form of an accepted command, keeping the id of an earlier command with the same name and type. */
export function storedCommand(
  command: JsonObject,
  ids: {
    readonly applicationId: string;
    readonly guildId?: string;
    readonly id: string;
    readonly version: string;
  },
): JsonObject {
  return {
    type: CHAT_INPUT,
    default_member_permissions: null,
    nsfw: false,
    ...command,
    id: ids.id,
    application_id: ids.applicationId,
    ...(ids.guildId === undefined ? {} : { guild_id: ids.guildId }),
    version: ids.version,
  };
}
