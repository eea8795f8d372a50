/** Where audit entries are copied outside the database (setting AUDIT_SINK). */
export type AuditSinkTarget =
  | { kind: 'file'; path: string }
  | { kind: 'syslog-tcp'; host: string; port: number }
  /** caFile: extra trusted CA (AUDIT_SINK_CA_FILE) on top of the system CAs and NODE_EXTRA_CA_CERTS. */
  | { kind: 'syslog-tls'; host: string; port: number; caFile?: string };

/**
 * Parses AUDIT_SINK: `file:/path/audit.log` (append-only JSON lines), `syslog+tcp://host:port`
 * (RFC 5424 over TCP, RFC 6587 octet counting) or `syslog+tls://host:port` (the same inside TLS,
 * RFC 5425). Returns an error message for anything else.
 * @example parseAuditSink('syslog+tcp://logs.internal:6514') // { kind: 'syslog-tcp', host: 'logs.internal', port: 6514 }
 */
export function parseAuditSink(value: string): AuditSinkTarget | string {
  if (value.startsWith('file:')) {
    const file = value.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
    return file.startsWith('/') ? { kind: 'file', path: file } : 'file: needs an absolute path (file:/var/log/diplodesk/audit.log)';
  }
  for (const [scheme, kind] of [
    ['syslog+tcp', 'syslog-tcp'],
    ['syslog+tls', 'syslog-tls'],
  ] as const) {
    if (!value.startsWith(`${scheme}://`)) continue;
    const m = /^syslog\+(?:tcp|tls):\/\/(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})\/?$/.exec(value);
    const port = Number(m?.[2]);
    if (!m?.[1] || port < 1 || port > 65535) return `${scheme}:// needs a host and a port, and nothing else (${scheme}://logs.internal:6514)`;
    return { kind, host: m[1].replace(/^\[|\]$/g, ''), port };
  }
  return 'must be file:/absolute/path, syslog+tcp://host:port or syslog+tls://host:port';
}

/** The cursor's name for a target: a changed target starts from the beginning of the log. */
export function sinkName(target: AuditSinkTarget): string {
  if (target.kind === 'file') return `file:${target.path}`;
  const scheme = target.kind === 'syslog-tls' ? 'syslog+tls' : 'syslog+tcp';
  return `${scheme}://${target.host.includes(':') ? `[${target.host}]` : target.host}:${target.port}`;
}
