// `node --import ./tests/helpers/trace-loads.mjs app.js`: appends every module URL the app resolves to $TRACE_LOADS_FILE.
import { register } from 'node:module';

const hooks = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(${JSON.stringify(process.env.TRACE_LOADS_FILE ?? '/dev/null')}, r.url + '\\n');
  return r;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
