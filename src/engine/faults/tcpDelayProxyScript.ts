/**
 * The delay proxy that runs on the target as `node -e <this> <args>`: it listens on
 * listenHost:listenPort, forwards each connection to upstream, and holds every chunk coming
 * back from upstream for delay ± jitter ms (order kept, the end included), as Toxiproxy's
 * downstream latency does. With a proxy gid it first takes that group, so the NAT redirect
 * can exempt its own upstream connections (`meta skgid`) and traffic never loops back into it.
 */
export const PROXY_GID = 23610;

export const TCP_DELAY_PROXY_SCRIPT = `
const net = require("net");
const [lh, lp, uh, up, d, j, gid] = process.argv.slice(1);
const delay = Number(d), jitter = Number(j);
if (gid !== "-" && process.setgid) process.setgid(Number(gid));
const wait = () => Math.max(0, delay + (Math.random() * 2 - 1) * jitter);
net.createServer((client) => {
  const upstream = net.connect(Number(up), uh);
  // One queue per connection, drained by one timer: chunks and the final end leave in the
  // order they came, each no earlier than its time. (A timer per chunk does not keep order:
  // timers set in one tick for nearly the same moment can fire the later one first.)
  const queue = [];
  let last = 0, timer = null;
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
  upstream.on("data", (b) => { last = Math.max(last, Date.now() + wait()); push(b); });
  upstream.on("end", () => push(null));
  client.pipe(upstream);
  const close = () => { if (timer !== null) clearTimeout(timer); queue.length = 0; client.destroy(); upstream.destroy(); };
  upstream.on("error", close);
  client.on("error", close);
  client.on("close", () => upstream.end());
}).listen(Number(lp), lh);
`;
