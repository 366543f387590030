import { ConsoleChannel, runConsole } from './platforms/console.js';
import { runScheduler } from './schedule/runner.js';
import { type Deliver, Scheduler } from './schedule/scheduler.js';
import { failStartup, start } from './startup.js';

/** `npm start`: the bot in the terminal when no Slack or Discord token is set, with its scheduler. */
async function main(): Promise<void> {
  const app = await start(process.argv.slice(2)).catch(failStartup);
  const { bot, log } = app;
  const terminal = new ConsoleChannel(bot, process.stdout);
  const deliver: Deliver = async (channel, reply) => {
    if (channel.platform !== 'console') throw new Error(`no ${channel.platform} connection in this process`);
    terminal.print(reply);
    return undefined;
  };
  const scheduler = runScheduler(new Scheduler(bot, deliver, log), log, app.args.speed > 1);
  let closing = false;
  const shutdown = async (code: number) => {
    if (closing) return;
    closing = true;
    await scheduler.stop();
    await app.close().catch((err) => log.error('closing the store failed', err));
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(130));
  process.once('SIGTERM', () => void shutdown(143));
  await runConsole(bot, {
    input: process.stdin,
    output: process.stdout,
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  });
  await shutdown(0);
}

void main();
