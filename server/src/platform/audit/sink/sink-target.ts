/** Where audit entries are copied outside the database (setting AUDIT_SINK). */
export type AuditSinkTarget = { kind: 'file'; path: string } | { kind: 'syslog-tcp'; host: string; port: number };

/**
 * Parses AUDIT_SINK: `file:/path/audit.log` (append-only JSON lines) or `syslog+tcp://host:port`
 * (RFC 5424 over TCP, RFC 6587 octet counting). Returns an error message for anything else.
 * @example parseAuditSink('syslog+tcp://logs.internal:6514') // { kind: 'syslog-tcp', host: 'logs.internal', port: 6514 }
 */
export function parseAuditSink(value: string): AuditSinkTarget | string {
  if (value.startsWith('file:')) {
    const file = value.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
    return file.startsWith('/') ? { kind: 'file', path: file } : 'file: needs an absolute path (file:/var/log/diplodesk/audit.log)';
  }
  if (value.startsWith('syslog+tcp://')) {
    const m = /^syslog\+tcp:\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})\/?$/.exec(value);
    const port = Number(m?.[2]);
    if (!m?.[1] || port < 1 || port > 65535) return 'syslog+tcp:// needs a host and a port, and nothing else (syslog+tcp://logs.internal:6514)';
    return { kind: 'syslog-tcp', host: m[1].replace(/^\[|\]$/g, ''), port };
  }
  return 'must be file:/absolute/path or syslog+tcp://host:port';
}

/** The cursor's name for a target: a changed target starts from the beginning of the log. */
export function sinkName(target: AuditSinkTarget): string {
  return target.kind === 'file' ? `file:${target.path}` : `syslog+tcp://${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`;
}
