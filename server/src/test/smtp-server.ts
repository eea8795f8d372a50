// A real SMTP relay on loopback (smtp-server) whose parsed messages a test reads: every test that
// sends mail (alert delivery, meeting invitations) talks the real protocol to it.
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type MailInbox = { port: number; messages: ParsedMail[]; uniqueIds: () => Set<string>; close(): Promise<void> };

/** A relay on loopback that takes only `user`/`password` (the sealed password must reach it intact). */
export async function startSmtpServer(user: string, password: string, opts: { delayMs?: number } = {}): Promise<MailInbox> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    // Plain on loopback: the test's relay is on the allow-list, as `security: none` requires.
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === password) callback(null, { user });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          // Stored before the answer: a sender killed while waiting for "250" has delivered.
          messages.push(mail);
          setTimeout(() => callback(), opts.delayMs ?? 0);
        },
        (error: Error) => callback(error),
      );
    },
  });
  // A sender SIGKILLed mid-conversation resets its connection: smtp-server reports that as an
  // 'error' event on the server, which would otherwise be thrown in the test process.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    messages,
    uniqueIds: () => new Set(messages.map((m) => m.messageId ?? '')),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
