/**
 * The benchmark's load generator, run as its own process (as a client on another machine would be):
 * its JSON building and autocannon's bookkeeping then never run on the server's event loop. Reads
 * its job as JSON from argv[2], prints autocannon's result as JSON on stdout.
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';

export interface LoadJob {
  readonly url: string;
  readonly connections: number;
  readonly durationS: number;
  readonly batch: number;
  readonly sessionId: string;
  readonly sessionKey: string;
  /** Requests per second across all connections; absent: as fast as the server answers. */
  readonly rate?: number;
}

const job = JSON.parse(process.argv[2] ?? '{}') as LoadJob;
const keys = { [job.sessionId]: job.sessionKey };
const body = () =>
  JSON.stringify({
    keys,
    events: Array.from({ length: job.batch }, () => ({
      id: randomUUID(),
      sessionId: job.sessionId,
      at: new Date().toISOString(),
      type: 'step_viewed',
      payload: { stepId: 'why', stepType: 'survey' },
    })),
  });

const result = await autocannon({
  url: job.url,
  method: 'POST',
  connections: job.connections,
  duration: job.durationS,
  ...(job.rate ? { overallRate: job.rate } : {}),
  headers: { 'content-type': 'application/json' },
  requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: body() }) }],
});
process.stdout.write(JSON.stringify(result));
