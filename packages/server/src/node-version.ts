// The Node.js the server needs. On an older one the SQLite driver crashes (a segmentation fault,
// exit 139, not a word) as it opens the database, so every way in checks first: `node dist/main.js`
// (require-node.ts) and startServer() or openDatabase() from code (db/connect.ts).

/** Why this Node.js cannot run the server, or undefined when it can. */
export function unsupportedNode(version: string = process.versions.node): string | undefined {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 12)) return undefined;
  return `needs Node.js 22.12 or newer (24 recommended); this is Node.js v${version}`;
}
