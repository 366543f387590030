// First, before any schema is built: zod without generated parsers (see cli-jitless.ts).
import './cli-jitless.js';
import { allCommands } from '../commands/index.js';
import { parseArgs } from './args.js';
import { digestReply } from './commands/brief-reply.js';
import { changesStore } from './commands/define.js';
import { Registry } from './commands/registry.js';
import { loadEnv, parseConfig } from './config.js';
import { escapeControls } from './domain/control-chars.js';
import { exitOnEscape } from './fatal.js';
import { createLogger } from './log/pino-logger.js';
import { CONSOLE_CHANNEL } from './platforms/console-ref.js';
import { filesDir, writeReplyFiles } from './platforms/file-folder.js';
import { errorReply, type Reply } from './render/reply.js';
import { renderText } from './render/text.js';
import { failStartup, start } from './startup.js';
import { runStoreCommand } from './store-cli.js';

/**
 * `npm run cli -- "deadlines days:30" --now <ISO>`: one reply, exit 0; a mistake, exit 1. While the bot runs
 * (it holds the store's lock), the CLI reads the store as it is and refuses changes, saying where to make them.
 */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (isStoreCommand(argv)) return storeCommand(argv);
  // A command that changes nothing reads the file without taking its lock or writing a backup.
  const readOnly = (() => {
    try {
      return !changes(new Registry(allCommands), parseArgs(argv).words.join(' ').trim());
    } catch {
      return false; // start() reports the argument problem
    }
  })();
  const app = await start(argv, { readOnlyIfLocked: true, readOnly }).catch(failStartup);
  const { bot } = app;
  exitOnEscape(app.log);
  const text = app.args.words.join(' ').trim();
  const def = bot.registry.named(text);
  if (app.readOnlyBecause !== undefined && def && changes(bot.registry, text)) {
    process.stderr.write(
      `${bot.store.location} is in use by ${app.readOnlyBecause}, so \`${def.name}\` was not run and nothing ` +
        'changed. Make the change there (its terminal, Slack or Discord), or stop it and run this again.\n',
    );
    process.exit(1);
  }
  const actor = { platform: 'console' as const, id: 'operator', isEditor: bot.config.CONSOLE_EDITOR };
  let reply: Reply;
  try {
    reply =
      text === 'digest'
        ? digestReply(bot.context(actor, CONSOLE_CHANNEL))
        : await bot.dispatch(text || 'help', actor, CONSOLE_CHANNEL);
  } catch (err) {
    // dispatch never throws; the digest is built here, so a failure gets the same short answer, no stack trace.
    app.log.error('the digest could not be built', err);
    reply = errorReply('Something went wrong on our side while building the digest. Nothing was changed.');
  }
  await app.close();
  const out = renderText(reply, { zone: bot.config.TIME_ZONE });
  if (reply.tone === 'error') {
    process.stderr.write(`${out}\n`);
    process.exit(1);
  }
  // A calendar printed as it is (format:ics) already ends with its own line break, and carries no file.
  if (reply.verbatim !== undefined) {
    process.stdout.write(out.endsWith('\n') ? out : `${out}\n`);
    return;
  }
  const saved = writeReplyFiles(reply.files, filesDir(bot.config));
  process.stdout.write(`${[out, ...saved].join('\n')}\n`);
}

/** Whether the words start with `store` (export or import), which moves the store rather than answering a command. */
function isStoreCommand(argv: readonly string[]): boolean {
  try {
    return parseArgs(argv).words[0] === 'store';
  } catch {
    return false;
  }
}

/** `store export [file]` / `store import <file>`: one line on stderr (the data alone on stdout), exit 0 or 1. */
async function storeCommand(argv: readonly string[]): Promise<void> {
  // `store export | head`: a reader that stops early is not an error of ours.
  process.stdout.on('error', () => undefined);
  try {
    const config = parseConfig(loadEnv(process.env), Intl.DateTimeFormat().resolvedOptions().timeZone);
    const log = createLogger({ level: 'warn', format: 'json' });
    const line = await runStoreCommand(parseArgs(argv).words, config, log, (t) => process.stdout.write(t));
    process.stderr.write(`${escapeControls(line)}\n`);
  } catch (err) {
    failStartup(err);
  }
}

/** Whether a command line would change the store (a line that does not parse changes nothing, or is refused). */
function changes(registry: Registry, text: string): boolean {
  const parsed = registry.parseText(text, 'UTC');
  if (parsed.ok) return changesStore(parsed.def, parsed.values);
  return Boolean(parsed.def?.mutates);
}

void main();
