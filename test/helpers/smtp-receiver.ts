import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

// A real SMTP server on loopback (the smtp-server package), for the mail the
// portal sends through nodemailer. It speaks SMTP as a mail relay would;
// `refuse` makes it answer 451 (try again later) to every message, as a
// relay that is down for maintenance does.

export interface SmtpReceiver {
  url: string;
  messages: ParsedMail[];
  refuse: boolean;
  stop(): Promise<void>;
}

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const receiver: Partial<SmtpReceiver> & { messages: ParsedMail[]; refuse: boolean } = { messages: [], refuse: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // Pooled client connections stay open; don't wait for them on stop.
    closeTimeout: 50,
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          if (receiver.refuse) {
            callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
            return;
          }
          receiver.messages.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  receiver.url = `smtp://127.0.0.1:${port}`;
  receiver.stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver as SmtpReceiver;
}
