// Stops with a message naming the Node.js version cancelflow needs, before anything that would fail on
// an older one (native database drivers crash rather than explain). Plain JavaScript any Node can parse;
// `cancelflow` imports it first, and the repository's `pnpm demo` runs it on its own.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(
    `cancelflow needs Node.js 22.12 or newer (24 recommended); this is Node.js ${process.version}.\n` +
      'Install a newer one (https://nodejs.org, or with nvm: `nvm install 24`), then run this again.\n',
  );
  process.exit(1);
}
