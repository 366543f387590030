import { exitOnEscape } from './fatal.js';
import { runConsole } from './platforms/console.js';
import { type Platforms, startPlatforms } from './platforms/start-platforms.js';
import { runScheduler } from './schedule/runner.js';
import { Scheduler } from './schedule/scheduler.js';
import { failStartup, type Started, start } from './startup.js';

/** `npm start`: Slack and Discord where configured, otherwise the bot in this terminal; the scheduler either way. */
async function main(): Promise<void> {
  const app = await start(process.argv.slice(2)).catch(failStartup);
  const { bot, log } = app;
  exitOnEscape(log);
  // The web server comes first, so its metrics see every command and /healthz answers while platforms connect.
  let platforms: Platforms | undefined;
  const web = await startWebIfAsked(app, () => platforms?.connected() ?? {}).catch(async (err) => {
    await app.close();
    return failStartup(err);
  });
  platforms = await startPlatforms(bot, log, Date.now).catch(async (err) => {
    await web?.stop();
    await app.close();
    return failStartup(err);
  });
  const scheduler = runScheduler(
    new Scheduler(bot, platforms.deliver, log, {
      reminderGraceMs: bot.config.REMINDER_GRACE,
      digestGraceMs: bot.config.DIGEST_GRACE,
      observer: app.observer,
      // Replicas: one without a platform's token leaves that platform's posts to one that has it.
      platforms: ['console', ...platforms.names],
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
    await web?.stop();
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

/** With WEB_PORT set, serves /healthz, /metrics and /calendar.ics and feeds the metrics from the bot's observer. */
async function startWebIfAsked(app: Started, platforms: () => Record<string, boolean>) {
  const c = app.bot.config;
  if (c.WEB_PORT === undefined) return undefined;
  const { startWeb } = await import('./web/server.js');
  const web = await startWeb(
    {
      port: c.WEB_PORT,
      host: c.WEB_HOST,
      log: app.log,
      calendar: {
        store: app.bot.store,
        timeline: app.bot.timeline,
        now: app.bot.clock.now,
        operatorToken: c.CALENDAR_TOKEN,
      },
    },
    {
      store: app.bot.store,
      now: Date.now,
      startedAt: Date.now(),
      platforms,
      maxTickAgeMs: c.HEALTH_MAX_TICK_AGE * 1000,
    },
  );
  Object.assign(app.observer, web.observer);
  return web;
}

void main();
