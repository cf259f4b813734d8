// @ts-check
// The examples' --port and --server-port. A value that is not a port, or a port another process holds
// (the demo and the examples have neighbouring defaults, and one left running is the usual cause),
// ends the example with one line naming the option to change, where it printed Node's or Vite's stack.

/** `value` as a port number; anything else ends the example, naming `flag`. */
export function portOption(/** @type {string | undefined} */ value, /** @type {string} */ flag) {
  if (value !== undefined && /^\d{1,5}$/.test(value) && Number(value) <= 65535) return Number(value);
  console.error(`${flag} must be a port number 0–65535, not "${value}"`);
  return process.exit(2);
}

/** A `.catch` for starting a server on `port`: a port in use ends the example, naming `flag`. */
export function portInUse(/** @type {number} */ port, /** @type {string} */ flag) {
  return (/** @type {unknown} */ error) => {
    const { code, message } = /** @type {{ code?: string, message?: string }} */ (error ?? {});
    // Node says EADDRINUSE; Vite (strictPort) throws a plain Error with this message.
    if (code === 'EADDRINUSE' || /^Port \d+ is already in use$/.test(message ?? '')) {
      console.error(
        `port ${port} is in use (pnpm demo or another example?): stop that, or pick another with ${flag} (0: any free one)`,
      );
      return process.exit(1);
    }
    throw error;
  };
}

/** Listens on 127.0.0.1:`port`; a port in use ends the example, naming `flag`. */
export function listen(
  /** @type {import('node:http').Server} */ server,
  /** @type {number} */ port,
  /** @type {string} */ flag,
) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve(undefined);
    });
  }).catch(portInUse(port, flag));
}
