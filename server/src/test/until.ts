/**
 * Reads `read` until `ok` accepts its value and returns that value; fails naming `what` after
 * `timeoutMs`. For what arrives through the bus, a job or a worker: a wait that only ever matters
 * when something is broken, so it is generous (a worker's first batch loads the language model,
 * slow on a busy machine).
 */
export async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}
