import { digestReply } from './commands/brief-reply.js';
import { CONSOLE_CHANNEL } from './platforms/console.js';
import { renderText } from './render/text.js';
import { failStartup, start } from './startup.js';

/** `npm run cli -- "deadlines days:30" --now <ISO>`: one reply, exit 0; a mistake, exit 1. */
async function main(): Promise<void> {
  const app = await start(process.argv.slice(2)).catch(failStartup);
  const { bot } = app;
  const text = app.args.words.join(' ').trim();
  const actor = { platform: 'console' as const, id: 'operator', isEditor: bot.config.CONSOLE_EDITOR };
  const reply =
    text === 'digest'
      ? digestReply(bot.context(actor, CONSOLE_CHANNEL), bot.clock.now() - 86_400_000)
      : await bot.dispatch(text || 'help', actor, CONSOLE_CHANNEL);
  await app.close();
  const out = renderText(reply, { zone: bot.config.TIME_ZONE });
  if (reply.tone === 'error') {
    process.stderr.write(`${out}\n`);
    process.exit(1);
  }
  process.stdout.write(`${out}\n`);
}

void main();
