// @ts-check
// node examples/react/dev.mjs [--port 5176] [--server-port 8790]
import { parseArgs } from 'node:util';
import react from '@vitejs/plugin-react';
import { stopOnSignal } from '../shared/backend.mjs';
import { portOption } from '../shared/ports.mjs';
import { startViteExample } from '../shared/vite-dev.mjs';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '5176' }, 'server-port': { type: 'string', default: '8790' } },
});
const example = await startViteExample({
  root: new URL('.', import.meta.url).pathname,
  name: 'react',
  port: portOption(values.port, '--port'),
  serverPort: portOption(values['server-port'], '--server-port'),
  plugins: [react()],
});
console.log(`App:        ${example.page}
cancelflow: ${example.server}
Insights:   curl -H "Authorization: Bearer ${example.adminKey}" ${example.server}/v1/admin/insights/summary
(Ctrl-C stops it)`);
console.log(JSON.stringify(example, (key, value) => (key === 'close' ? undefined : value)));
stopOnSignal(example.close);
