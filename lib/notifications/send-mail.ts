import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';

// Mail goes out through nodemailer over SMTP (LANYARD_SMTP_URL). One
// transport per URL, pooled, so a burst of mail reuses its connections.

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export type SendMail = (mail: Mail) => Promise<void>;

export function smtpMailer(smtpUrl: string, from: string): SendMail {
  const transport: Transporter = nodemailer.createTransport(smtpUrl.includes('?') ? smtpUrl : `${smtpUrl}?pool=true`);
  return async (mail) => {
    await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
  };
}
