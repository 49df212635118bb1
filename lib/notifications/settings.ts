import 'server-only';
import { demoMode, env } from '../env';
import type { OutboxDeps } from './outbox';
import { smtpMailer, type SendMail } from './send-mail';

// Where notification settings come from: the environment (lib/env.ts).

export function allowPrivateWebhookAddresses(): boolean {
  const e = env();
  return (e.LANYARD_WEBHOOKS_PRIVATE_ADDRESSES ?? (demoMode(e).data ? 'allow' : 'deny')) === 'allow';
}

export function webhookSettings() {
  return { portalSecret: env().NEXTAUTH_SECRET!, allowPrivateAddresses: allowPrivateWebhookAddresses() };
}

let mailer: { url: string; send: SendMail } | undefined;

export function outboxDeps(): OutboxDeps {
  const e = env();
  if (e.LANYARD_SMTP_URL && mailer?.url !== e.LANYARD_SMTP_URL) {
    mailer = { url: e.LANYARD_SMTP_URL, send: smtpMailer(e.LANYARD_SMTP_URL, e.LANYARD_MAIL_FROM) };
  }
  return {
    sendMail: e.LANYARD_SMTP_URL ? mailer!.send : undefined,
    portalSecret: e.NEXTAUTH_SECRET!,
    webhooks: { allowPrivateAddresses: allowPrivateWebhookAddresses() },
  };
}
