import { Client, type ConnectConfig, type ClientChannel } from "ssh2";
import { HostKeyError, hostKeyProblem, type HostKeyPolicy } from "./sshHostKey";
import { TransportError } from "./Transport";

/** OpenSSH's sshd refuses an 11th concurrent session on one connection (MaxSessions 10). */
const MAX_CHANNELS = 8;
/** Back-off between connection attempts; auth and host-key failures are never retried. */
const BACKOFF_MS = [0, 250, 500, 1000, 2000];

export interface SshEndpoint {
  targetName: string;
  host: string;
  port: number;
  user: string;
  policy: HostKeyPolicy;
  /** Everything ssh2 needs to authenticate (key, passphrase, agent); never logged. */
  auth: Pick<ConnectConfig, "privateKey" | "passphrase" | "agent">;
  /** Host key algorithms to ask for, so the server presents the key type that is on file. */
  hostKeyTypes?: string[];
}

/**
 * One ssh2 connection shared by every target on the same host:port:user. It connects on
 * first use, reconnects with back-off after the peer goes away, and caps concurrent
 * channels so parallel faults queue instead of being refused by sshd.
 */
export class SshConnection {
  private client: Client | null = null;
  private connecting: Promise<Client> | null = null;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  users = 0;

  constructor(readonly endpoint: SshEndpoint) {}

  async channel(command: string): Promise<{ stream: ClientChannel; release: () => void }> {
    await this.acquire();
    try {
      const client = await this.ready();
      const stream = await new Promise<ClientChannel>((resolve, reject) => {
        client.exec(command, (err, s) => (err ? reject(err) : resolve(s)));
      });
      let released = false;
      return {
        stream,
        release: () => {
          if (!released) this.releaseSlot();
          released = true;
        },
      };
    } catch (e) {
      this.releaseSlot();
      // The channel never opened, so the command never ran: drop the connection and let the caller retry.
      this.drop();
      throw e instanceof TransportError ? e : new TransportError(this.endpoint.targetName, `ssh: ${(e as Error).message}`);
    }
  }

  async ready(): Promise<Client> {
    if (this.client) return this.client;
    this.connecting ??= this.connectWithBackoff().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  close(): void {
    this.drop();
  }

  private drop(): void {
    this.client?.end();
    this.client = null;
  }

  private async connectWithBackoff(): Promise<Client> {
    let last: Error = new Error("not attempted");
    for (const delay of BACKOFF_MS) {
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      try {
        const client = await this.connectOnce();
        this.client = client;
        return client;
      } catch (e) {
        last = e as Error;
        if (e instanceof HostKeyError || /authentication|passphrase|privateKey/i.test(last.message)) throw e;
      }
    }
    throw new TransportError(this.endpoint.targetName, `ssh: cannot connect to ${this.endpoint.host}:${this.endpoint.port} after ${BACKOFF_MS.length} attempts: ${last.message}`);
  }

  private connectOnce(): Promise<Client> {
    const { host, port, user, policy, auth, targetName, hostKeyTypes } = this.endpoint;
    return new Promise((resolve, reject) => {
      const client = new Client();
      let refused: string | null = null;
      client.once("ready", () => {
        client.on("error", () => undefined);
        client.once("close", () => {
          if (this.client === client) this.client = null;
        });
        resolve(client);
      });
      client.once("error", (e) => reject(refused ? new HostKeyError(targetName, refused) : e));
      client.connect({
        host,
        port,
        username: user,
        ...auth,
        readyTimeout: 10_000,
        keepaliveInterval: 5_000,
        keepaliveCountMax: 3,
        ...(hostKeyTypes && hostKeyTypes.length > 0 ? { algorithms: { serverHostKey: hostKeyTypes as never } } : {}),
        // Decided before authentication: a host whose key is not trusted never gets a command.
        hostVerifier: (key: Buffer) => {
          refused = hostKeyProblem(policy, host, port, key);
          return refused === null;
        },
      });
    });
  }

  private async acquire(): Promise<void> {
    if (this.active < MAX_CHANNELS) {
      this.active++;
      return;
    }
    await new Promise<void>((r) => this.waiting.push(r));
  }

  private releaseSlot(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

const pool = new Map<string, SshConnection>();

/** The shared connection for user@host:port, counted so the last close ends it. */
export function openSshConnection(endpoint: SshEndpoint): SshConnection {
  const key = `${endpoint.user}@${endpoint.host}:${endpoint.port}`;
  let conn = pool.get(key);
  if (!conn) {
    conn = new SshConnection(endpoint);
    pool.set(key, conn);
  }
  conn.users++;
  return conn;
}

export function closeSshConnection(conn: SshConnection): void {
  conn.users--;
  if (conn.users > 0) return;
  conn.close();
  const key = `${conn.endpoint.user}@${conn.endpoint.host}:${conn.endpoint.port}`;
  if (pool.get(key) === conn) pool.delete(key);
}
