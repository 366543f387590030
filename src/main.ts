import { exitOnEscape } from './fatal.js';
import { runConsole } from './platforms/console.js';
import { startPlatforms } from './platforms/start-platforms.js';
import { runScheduler } from './schedule/runner.js';
import { Scheduler } from './schedule/scheduler.js';
import { failStartup, start } from './startup.js';

/** `npm start`: Slack and Discord where configured, otherwise the bot in this terminal; the scheduler either way. */
async function main(): Promise<void> {
  const app = await start(process.argv.slice(2)).catch(failStartup);
  const { bot, log } = app;
  exitOnEscape(log);
  const platforms = await startPlatforms(bot, log, Date.now).catch(async (err) => {
    await app.close();
    return failStartup(err);
  });
  const scheduler = runScheduler(
    new Scheduler(bot, platforms.deliver, log, {
      reminderGraceMs: bot.config.REMINDER_GRACE,
      digestGraceMs: bot.config.DIGEST_GRACE,
    }),
    log,
    app.args.speed > 1,
    bot.sources,
  );
  let closing = false;
  const shutdown = async (code: number) => {
    if (closing) return;
    closing = true;
    await scheduler.stop();
    await platforms.stop();
    await app.close().catch((err) => log.error('closing the store failed', err));
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(130));
  process.once('SIGTERM', () => void shutdown(143));
  if (platforms.names.length) return; // a chat bot runs until stopped
  await runConsole(bot, {
    input: process.stdin,
    output: process.stdout,
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  });
  await shutdown(0);
}

void main();
