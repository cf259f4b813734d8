// `node dist/main.js` on an older Node.js crashed with a segmentation fault (exit 139, not a word) as
// the SQLite driver opened the database. Imported first by main.ts, so it runs before any other
// module; `cancelflow` has its own (packages/cli/bin/require-node.js).
import { unsupportedNode } from './node-version.ts';

const problem = unsupportedNode();
if (problem) {
  process.stderr.write(`cancelflow server: ${problem}.\n`);
  process.exit(1);
}
