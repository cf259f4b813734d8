import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A loopback TCP proxy in front of the test Postgres, so that one test can take "the database" away
 * from a server and give it back on the same address — as a restart, a failover or a network cut
 * does — without stopping the Postgres that other test files use at the same time.
 */
export class TcpProxy {
  port = 0;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private stalled = false;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** Listens (again, on the same port once it had one) and forwards each connection to the target. */
  async up(): Promise<void> {
    const server = createServer((client) => {
      this.sockets.add(client);
      client.once('close', () => this.sockets.delete(client));
      client.on('error', () => client.destroy());
      // Taken, never answered: a database whose host accepts the connection and then says nothing.
      if (this.stalled) return;
      const upstream = connect(this.targetPort, this.targetHost);
      this.sockets.add(upstream);
      upstream.once('close', () => this.sockets.delete(upstream));
      // A reset on one side ends the other: an error without a listener would end the test run.
      for (const s of [client, upstream])
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      client.pipe(upstream).pipe(client);
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
  }

  /**
   * As a database that hangs (a stopped process, a host that takes connections and answers nothing):
   * every open connection is cut and new ones are taken but never answered, until `resume()`.
   */
  stall(): void {
    this.stalled = true;
    for (const s of this.sockets) s.destroy();
  }

  /** Forwards new connections again after `stall()` (the stalled ones stay silent until closed). */
  resume(): void {
    this.stalled = false;
  }

  /** As the database going away: new connections are refused and every open one is cut. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}
