// Sending e-mail through the installation's SMTP relay with nodemailer. The relay's address is an
// administrator's input, so it goes through the outbound guard: the host is resolved and checked
// once and nodemailer connects to that address (TLS still verifies the certificate against the
// name). Plain SMTP (no TLS) reaches only allow-listed addresses, as plain http does.
import nodemailer from 'nodemailer';
import type { Outbound } from '../outbound/index.ts';
import type { SmtpSecurity } from './mail.tables.ts';

export type SmtpConnection = {
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string | null;
  password: string | null;
  fromAddress: string;
  fromName: string;
};

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** A fixed Message-ID (`<…@…>`): repeats after an unknown outcome carry the same one, so the copies are recognisable. */
  messageId: string;
  language?: string;
  /** Files sent with the message (a PDF), given as bytes: nodemailer never reads a path or a URL here. */
  attachments?: { filename: string; content: Buffer; contentType: string }[];
};

/** How a failed send ended: refused for good, refused for now, or unknown (the message may have been accepted). */
export type MailFailureKind = 'permanent' | 'transient' | 'unknown-outcome';

export class MailError extends Error {
  readonly kind: MailFailureKind;
  constructor(kind: MailFailureKind, message: string) {
    super(message);
    this.name = 'MailError';
    this.kind = kind;
  }
}

const TIMEOUT_MS = 20_000;

type NodemailerError = Error & { code?: string; responseCode?: number; command?: string };

/**
 * What a nodemailer error means for a retry. An SMTP reply code is the relay's word (5xx: never,
 * 4xx: later); a failure to connect means nothing was sent; anything else (a dropped connection,
 * a timeout once the message was under way) leaves the outcome unknown.
 */
export function classifyMailError(error: unknown): MailError {
  if (error instanceof MailError) return error;
  const e = error as NodemailerError;
  const reply = typeof e.responseCode === 'number' ? e.responseCode : null;
  // The relay's own reply is safe to show; other messages can name internal addresses.
  const message = reply !== null ? `The mail server answered ${reply}: ${String(e.message).slice(0, 300)}` : `The mail server could not be reached or stopped answering (${e.code ?? 'error'}).`;
  if (reply !== null && reply >= 500) return new MailError('permanent', message);
  if (reply !== null && reply >= 400) return new MailError('transient', message);
  if (e.code === 'EENVELOPE' || e.code === 'EMESSAGE') return new MailError('permanent', message);
  if (e.code === 'EDNS' || e.command === 'CONN' || e.code === 'ECONNREFUSED') return new MailError('transient', message);
  return new MailError('unknown-outcome', message);
}

/** Sends one message; throws a {@link MailError}. */
export async function sendMail(outbound: Pick<Outbound, 'pinHost'>, smtp: SmtpConnection, message: MailMessage): Promise<{ messageId: string; response: string }> {
  let address: string;
  try {
    address = await outbound.pinHost(smtp.host, { plain: smtp.security === 'none' });
  } catch (error) {
    throw new MailError('transient', error instanceof Error ? error.message : 'The mail server could not be reached or is not allowed.');
  }
  const transport = nodemailer.createTransport({
    host: address,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    tls: { servername: smtp.host, minVersion: 'TLSv1.2' },
    ...(smtp.username ? { auth: { user: smtp.username, pass: smtp.password ?? '' } } : {}),
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  try {
    const info = await transport.sendMail({
      from: { name: smtp.fromName, address: smtp.fromAddress },
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: message.messageId,
      ...(message.attachments ? { attachments: message.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })) } : {}),
      ...(message.language ? { headers: { 'Content-Language': message.language } } : {}),
    });
    return { messageId: info.messageId, response: info.response };
  } catch (error) {
    throw classifyMailError(error);
  } finally {
    transport.close();
  }
}
