/**
 * Loaded with `--import` into a spawned server process: its clock runs ahead by the milliseconds
 * written in the file named by CANCELFLOW_TEST_CLOCK_FILE (0 when absent), so a test can move a
 * real process days forward, and keep the same time across a restart, without a hook in the server.
 * Timers keep real time; only what reads the date (Date.now, new Date()) is shifted.
 */
import { readFileSync } from 'node:fs';

const file = process.env.CANCELFLOW_TEST_CLOCK_FILE;
const RealDate = Date;

function offset(): number {
  if (!file) return 0;
  try {
    return Number(readFileSync(file, 'utf8')) || 0;
  } catch {
    return 0;
  }
}

class ShiftedDate extends RealDate {
  constructor(...args: ConstructorParameters<DateConstructor> | []) {
    if (args.length === 0) super(RealDate.now() + offset());
    else super(...(args as [string | number | Date]));
  }
  static override now(): number {
    return RealDate.now() + offset();
  }
}

globalThis.Date = ShiftedDate as DateConstructor;
