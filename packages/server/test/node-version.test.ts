import { describe, expect, it } from 'vitest';
import { unsupportedNode } from '../src/node-version.ts';

// The check every way of starting the server runs (main.js, startServer, openDatabase); the crash it
// prevents is tested on a real older Node.js in old-node.test.ts, where the machine has one.
describe('unsupportedNode', () => {
  it('names the version needed and the one running, below 22.12', () => {
    expect(unsupportedNode('20.20.2')).toBe('needs Node.js 22.12 or newer (24 recommended); this is Node.js v20.20.2');
    expect(unsupportedNode('22.11.0')).toMatch(/this is Node\.js v22\.11\.0$/);
  });

  it('accepts 22.12 and anything newer', () => {
    for (const version of ['22.12.0', '22.20.1', '23.0.0', '24.21.0', '30.1.0']) {
      expect(unsupportedNode(version)).toBeUndefined();
    }
  });
});
