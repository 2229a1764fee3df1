import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';

export const dovecotBinary = '/usr/sbin/dovecot';
export const hasDovecot = fs.existsSync(dovecotBinary);

export interface Dovecot {
  port: number;
  /** An IMAP client logged in as the user, for putting mail in and looking at what the channel did. */
  client(user: string): Promise<ImapFlow>;
  append(user: string, raw: string, folder?: string): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`Dovecot did not listen on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A throwaway Dovecot IMAP server on loopback: its own configuration, mail and run directories
 * under a temporary directory, a non-privileged port and passwd-file users. Run as root it stores
 * mail as the `dovecot` user; otherwise as the current user.
 */
export async function startDovecot(users: { user: string; password: string }[]): Promise<Dovecot> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontline-dovecot-'));
  fs.chmodSync(dir, 0o755);
  for (const sub of ['run', 'state', 'mail']) fs.mkdirSync(path.join(dir, sub));
  const port = await freePort();
  const root = process.getuid?.() === 0;
  const me = os.userInfo().username;
  fs.writeFileSync(path.join(dir, 'passwd'), users.map((u) => `${u.user}:{PLAIN}${u.password}`).join('\n') + '\n', { mode: 0o644 });
  const config = `
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
first_valid_uid = 1
${root ? '' : `default_internal_user = ${me}\ndefault_login_user = ${me}\n`}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${root ? 'dovecot' : me} gid=${root ? 'dovecot' : os.userInfo().gid} home=${dir}/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    port = 0
  }
}
service submission-login {
  inet_listener submission {
    port = 0
  }
}
`;
  fs.writeFileSync(path.join(dir, 'dovecot.conf'), config);
  if (root) chownToDovecot(path.join(dir, 'mail'));
  const child: ChildProcess = spawn(dovecotBinary, ['-F', '-c', path.join(dir, 'dovecot.conf')], { stdio: 'ignore' });
  try {
    await waitForPort(port, 10_000);
  } catch (error) {
    child.kill('SIGTERM');
    const log = fs.existsSync(path.join(dir, 'dovecot.log')) ? fs.readFileSync(path.join(dir, 'dovecot.log'), 'utf8') : '';
    throw new Error(`${(error as Error).message}\n${log}`);
  }
  const passwordOf = (user: string) => users.find((u) => u.user === user)?.password ?? '';
  const client = async (user: string) => {
    const imap = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: passwordOf(user) }, logger: false });
    await imap.connect();
    return imap;
  };
  return {
    port,
    client,
    async append(user, raw, folder = 'INBOX') {
      const imap = await client(user);
      try {
        await imap.append(folder, raw);
      } finally {
        await imap.logout();
      }
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function chownToDovecot(target: string): void {
  fs.chownSync(target, uidOf('dovecot'), gidOf('dovecot'));
}

function uidOf(name: string): number {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  return Number(line?.split(':')[2] ?? 0);
}

function gidOf(name: string): number {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  return Number(line?.split(':')[3] ?? 0);
}
