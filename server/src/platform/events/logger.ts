/** The slice of a pino logger the event and job machinery uses; a pino logger fits as is. */
export type LogFn = (obj: Record<string, unknown>, msg?: string) => void;
export type Logger = { debug: LogFn; info: LogFn; warn: LogFn; error: LogFn };

const noop: LogFn = () => undefined;
export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };

/** Fields for logging an unknown thrown value without dumping the whole object. */
export function errorFields(err: unknown): Record<string, unknown> {
  return err instanceof Error ? { err: { name: err.name, message: err.message, stack: err.stack } } : { err: String(err) };
}
