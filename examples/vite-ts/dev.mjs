// @ts-check
// node examples/vite-ts/dev.mjs [--port 5175] [--server-port 8789]
import { parseArgs } from 'node:util';
import { stopOnSignal } from '../shared/backend.mjs';
import { portOption } from '../shared/ports.mjs';
import { startViteExample } from '../shared/vite-dev.mjs';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '5175' }, 'server-port': { type: 'string', default: '8789' } },
});
const example = await startViteExample({
  root: new URL('.', import.meta.url).pathname,
  name: 'vite-ts',
  port: portOption(values.port, '--port'),
  serverPort: portOption(values['server-port'], '--server-port'),
});
console.log(`App:        ${example.page}
cancelflow: ${example.server}
Insights:   curl -H "Authorization: Bearer ${example.adminKey}" ${example.server}/v1/admin/insights/summary
(Ctrl-C stops it)`);
console.log(JSON.stringify(example, (key, value) => (key === 'close' ? undefined : value)));
stopOnSignal(example.close);
