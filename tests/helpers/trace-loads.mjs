// `node --import ./tests/helpers/trace-loads.mjs app.js`: appends every module URL the app resolves to $TRACE_LOADS_FILE:
// ES modules through a resolve hook, and CommonJS ones (the CLI bundle requires its outside packages) as they are
// required.
import { appendFileSync } from 'node:fs';
import { isBuiltin, Module, register } from 'node:module';
import { pathToFileURL } from 'node:url';

const file = process.env.TRACE_LOADS_FILE ?? '/dev/null';
const hooks = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  appendFileSync(${JSON.stringify(file)}, r.url + '\\n');
  return r;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);

const require = Module.prototype.require;
Module.prototype.require = function traced(id, ...rest) {
  const exports = require.call(this, id, ...rest);
  if (!isBuiltin(id)) appendFileSync(file, `${pathToFileURL(Module._resolveFilename(id, this)).href}\n`);
  return exports;
};
