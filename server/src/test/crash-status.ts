// The child side of the crash tests (`crash-harness.ts`): answers CRASH_STATUS_PORT with what
// `read` returns as JSON, so the test can tell when the work settled, and on SIGTERM closes the
// status port, runs `stop` and exits 0. SIGKILL, the point of the tests, skips all of this.
import http from 'node:http';

export function serveCrashStatus(read: () => Promise<unknown>, stop: () => Promise<void>): void {
  const server = http.createServer((_req, res) => {
    read().then(
      (body) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
      (err) => res.writeHead(500).end(String(err)),
    );
  });
  server.listen(Number(process.env.CRASH_STATUS_PORT), '127.0.0.1');
  process.once('SIGTERM', () => {
    server.close();
    void stop().then(() => process.exit(0));
  });
}
