import type { CommandDef } from '../src/commands/define.js';
import accept from './accept.js';
import add from './add.js';
import addMeasure from './add-measure.js';
import brief from './brief.js';
import calendar from './calendar.js';
import chart from './chart.js';
import countdown from './countdown.js';
import deadlines from './deadlines.js';
import edit from './edit.js';
import event from './event.js';
import events from './events.js';
import help from './help.js';
import importCalendar from './import.js';
import proposals from './proposals.js';
import reject from './reject.js';
import remove from './remove.js';
import restore from './restore.js';
import review from './review.js';
import schedule from './schedule.js';
import sources from './sources.js';
import subscribe from './subscribe.js';
import subscriptions from './subscriptions.js';
import tariffs from './tariffs.js';
import unsubscribe from './unsubscribe.js';

/** Every /trade subcommand, in the order help lists them. */
export const allCommands = [
  brief,
  events,
  event,
  tariffs,
  chart,
  deadlines,
  countdown,
  calendar,
  subscribe,
  unsubscribe,
  subscriptions,
  schedule,
  add,
  addMeasure,
  edit,
  remove,
  restore,
  sources,
  importCalendar,
  proposals,
  accept,
  reject,
  review,
  help,
] as unknown as readonly CommandDef[];
