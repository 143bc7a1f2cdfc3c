/**
 * The delay proxy that runs on the target as `node -e <this> <args>`: it listens on
 * listenHost:listenPort, forwards each connection to upstream, and holds every chunk coming
 * back from upstream for delay ± jitter ms (order kept, the end included), as Toxiproxy's
 * downstream latency does. With a proxy gid it first takes that group, so the NAT redirect
 * can exempt its own upstream connections (`meta skgid`) and traffic never loops back into it.
 *
 * SIGTERM (the revert) drains instead of dropping: netem's delay going away resets nothing,
 * and neither may ours. The proxy stops accepting, lets each answer in flight arrive, closes
 * each connection with a FIN once it is quiet (no request waiting, nothing queued), and exits
 * when none is left or after drainMs. A keep-alive client (Prometheus, a health poller) then
 * sees its idle socket closed, not an ECONNRESET it would count as the service failing.
 */
export const PROXY_GID = 23610;

/** How long a reverted proxy may drain: an answer in flight still needs its delay. */
export function proxyDrainMs(delayMs: number, jitterMs: number): number {
  return delayMs + jitterMs + 2000;
}

export const TCP_DELAY_PROXY_SCRIPT = `
const net = require("net");
const [lh, lp, uh, up, d, j, gid, drain] = process.argv.slice(1);
const delay = Number(d), jitter = Number(j), drainMs = Number(drain);
if (gid !== "-" && process.setgid) process.setgid(Number(gid));
const wait = () => Math.max(0, delay + (Math.random() * 2 - 1) * jitter);
const conns = new Set();
let draining = false;
const server = net.createServer((client) => {
  const upstream = net.connect(Number(up), uh);
  // One queue per connection, drained by one timer: chunks and the final end leave in the
  // order they came, each no earlier than its time. (A timer per chunk does not keep order:
  // timers set in one tick for nearly the same moment can fire the later one first.)
  const queue = [];
  let last = 0, timer = null;
  // A request is waiting from the client's first byte until upstream's first byte back.
  const conn = {
    asked: false, lastUpAt: 0, closing: false,
    quiet: () => !conn.closing && !conn.asked && queue.length === 0 && Date.now() - conn.lastUpAt >= 50,
    end: () => { conn.closing = true; client.end(); upstream.end(); },
  };
  conns.add(conn);
  const pump = () => {
    timer = null;
    while (queue.length > 0 && queue[0].at <= Date.now()) {
      const item = queue.shift();
      if (item.chunk === null) client.end(); else client.write(item.chunk);
    }
    if (queue.length > 0) timer = setTimeout(pump, queue[0].at - Date.now());
  };
  const push = (chunk) => {
    queue.push({ at: last, chunk });
    if (timer === null) timer = setTimeout(pump, Math.max(0, queue[0].at - Date.now()));
  };
  upstream.on("data", (b) => { conn.asked = false; conn.lastUpAt = Date.now(); last = Math.max(last, Date.now() + wait()); push(b); });
  upstream.on("end", () => push(null));
  client.on("data", () => { conn.asked = true; });
  client.pipe(upstream);
  const close = () => { if (timer !== null) clearTimeout(timer); queue.length = 0; client.destroy(); upstream.destroy(); };
  upstream.on("error", close);
  client.on("error", close);
  client.on("close", () => { upstream.end(); conns.delete(conn); if (draining && conns.size === 0) process.exit(0); });
}).listen(Number(lp), lh);
process.on("SIGTERM", () => {
  if (draining) return;
  draining = true;
  server.close();
  if (conns.size === 0) process.exit(0);
  setInterval(() => { for (const c of conns) if (c.quiet()) c.end(); }, 20);
  setTimeout(() => process.exit(0), drainMs);
});
`;
