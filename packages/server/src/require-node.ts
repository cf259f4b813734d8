// `node dist/main.js` on an older Node.js crashed with a segmentation fault (exit 139, not a word) as
// the SQLite driver opened the database. Imported first by main.ts, so it runs before any other
// module; `cancelflow` has its own (packages/cli/bin/require-node.js).
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `cancelflow server: needs Node.js 22.12 or newer (24 recommended); this is Node.js ${process.version}.\n`,
  );
  process.exit(1);
}

export {};
