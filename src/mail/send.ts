import nodemailer from 'nodemailer';
import type { Composed } from './compose.js';

export type SendResult =
  | { status: 'sent'; response: string; rejected: string[]; attempts: number }
  | { status: 'refused'; response: string; attempts: number }
  | { status: 'failed'; response: string; attempts: number };

export interface SendOptions {
  /** smtp://user:pass@host:port or smtps://… */
  url: string;
  connections: number;
  retries: number;
  /** First wait before a retry; it doubles each time. */
  retryDelayMs: number;
  /** The longest any SMTP step may take (connecting, the greeting, each reply, DATA's included). */
  timeoutMs: number;
}

/** The SMTP server's address without credentials, for messages. */
export function safeServer(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return '(URL SMTP no válida)';
  }
}

/**
 * A pool of SMTP connections. Each message is sent as composed (the raw bytes of its .eml); a
 * temporary failure (4xx, lost connection) is retried with a doubling wait, a permanent one (5xx)
 * is reported with the server's answer and never retried.
 */
export function smtpSender(opts: SendOptions) {
  const t = Math.max(1, Math.round(opts.timeoutMs));
  // A server that never answers would otherwise hold each step for nodemailer's defaults (minutes).
  const query = `pool=true&maxConnections=${opts.connections}&connectionTimeout=${t}&greetingTimeout=${t}&socketTimeout=${t}&dnsTimeout=${t}`;
  const transport = nodemailer.createTransport(`${opts.url}${opts.url.includes('?') ? '&' : '?'}${query}`);
  const sendOne = async (c: Composed): Promise<SendResult> => {
    let attempt = 0;
    for (;;) {
      attempt++;
      try {
        const info = await transport.sendMail({ envelope: { from: fromAddress(c.raw), to: [...c.message.to, ...c.message.cc] }, raw: c.raw });
        const rejected = (info.rejected ?? []).map(String);
        return { status: 'sent', response: String(info.response ?? ''), rejected, attempts: attempt };
      } catch (err) {
        const e = err as { responseCode?: number; response?: string; message: string; code?: string };
        const response = (e.response ?? e.message).replace(/\s+/g, ' ').slice(0, 300);
        if (e.responseCode && e.responseCode >= 500) return { status: 'refused', response, attempts: attempt };
        if (attempt > opts.retries) return { status: 'failed', response, attempts: attempt };
        await new Promise((r) => setTimeout(r, opts.retryDelayMs * 2 ** (attempt - 1)));
      }
    }
  };
  return { send: sendOne, close: () => transport.close() };
}

/** The envelope sender: the From header's address. */
function fromAddress(raw: Buffer): string {
  const head = raw.subarray(0, raw.indexOf('\r\n\r\n')).toString('utf8');
  const from = /^From:\s*(.*)$/im.exec(head)?.[1] ?? '';
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}
