import { createServer, type AddressInfo, type Socket } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpScript {
  /** Addresses refused at RCPT TO (550). */
  reject?: string[];
  /** The first DATA gets a temporary failure (451). */
  tempFailFirst?: boolean;
  /** Milliseconds the server waits, once it has a message, before it answers DATA. */
  answerDataAfterMs?: number;
  /** Called when the server has a whole message, before it answers. */
  onMessage?: () => void;
}

/** A real SMTP server on 127.0.0.1 that keeps what it receives; some answers can be scripted. */
export async function smtpServer(script: SmtpScript = {}) {
  const received: { to: string[]; from: string; mail: ParsedMail }[] = [];
  let attempts = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    onAuth: (auth, _s, cb) => cb(auth.username === 'dipres' && auth.password === 'secreto' ? null : new Error('credenciales'), { user: auth.username }),
    onRcptTo: (address, _s, cb) => (script.reject?.includes(address.address) ? cb(Object.assign(new Error('Buzón inexistente'), { responseCode: 550 })) : cb()),
    onData: (stream, session, cb) => {
      const chunks: Buffer[] = [];
      stream.on('data', (d: Buffer) => chunks.push(d));
      stream.on('end', async () => {
        attempts++;
        if (script.tempFailFirst && attempts === 1) return cb(Object.assign(new Error('Intente más tarde'), { responseCode: 451 }));
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), from, mail: await simpleParser(Buffer.concat(chunks)) });
        script.onMessage?.();
        setTimeout(() => cb(), script.answerDataAfterMs ?? 0);
      });
    },
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://dipres:secreto@127.0.0.1:${port}`, received, attempts: () => attempts, close: () => new Promise<void>((res) => server.close(() => res())) };
}

/** A server on 127.0.0.1 that accepts connections and never says a word. */
export async function silentServer() {
  const sockets = new Set<Socket>();
  const server = createServer((s) => void sockets.add(s));
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((res) => server.close(() => res()));
    },
  };
}
