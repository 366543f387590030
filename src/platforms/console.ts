import { createInterface } from 'node:readline';
import type { Bot } from '../bot.js';
import type { Actor } from '../commands/context.js';
import type { Reply } from '../render/reply.js';
import { renderText } from '../render/text.js';
import { CONSOLE_CHANNEL } from './console-ref.js';
import { filesDir, writeReplyFiles } from './file-folder.js';

export { CONSOLE_CHANNEL };

export interface ConsoleOptions {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** Show a prompt and a greeting (a terminal); off when reading commands from a pipe. */
  readonly interactive: boolean;
}

/** The terminal as a channel: prints replies and scheduled posts as they would be posted. */
export class ConsoleChannel {
  constructor(
    private readonly bot: Bot,
    private readonly out: NodeJS.WritableStream,
  ) {}

  /** Prints a reply, or a post from the scheduler, in the terminal's zone; its files go to FILES_DIR, paths printed. */
  print(reply: Reply): void {
    const saved = writeReplyFiles(reply.files, filesDir(this.bot.config));
    const text = renderText(reply, { zone: this.bot.config.TIME_ZONE });
    this.out.write(`${[text, ...saved].join('\n')}\n\n`);
  }
}

/** Reads command lines until end of input (or `exit`), answering each in order. */
export async function runConsole(bot: Bot, o: ConsoleOptions): Promise<void> {
  const channel = new ConsoleChannel(bot, o.output);
  const actor: Actor = {
    platform: 'console',
    id: 'operator',
    name: 'operator',
    isEditor: bot.config.CONSOLE_EDITOR,
  };
  const rl = createInterface({
    input: o.input,
    output: o.interactive ? o.output : undefined,
    terminal: o.interactive,
  });
  if (o.interactive) {
    o.output.write(
      `Trade Brief in the terminal (times in ${bot.config.TIME_ZONE}). Type a command such as "brief" or "help"; "exit" quits.\n`,
    );
    rl.setPrompt('trade> ');
    rl.prompt();
  }
  for await (const line of rl) {
    const text = line.trim();
    if (text === 'exit' || text === 'quit') break;
    if (text) channel.print(await bot.dispatch(text, actor, CONSOLE_CHANNEL));
    if (o.interactive) rl.prompt();
  }
  rl.close();
}
