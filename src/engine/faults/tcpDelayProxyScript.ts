/**
 * The delay proxy that runs on the target as `node -e <this> <args>`: it listens on
 * listenHost:listenPort, forwards each connection to upstream, and holds every chunk coming
 * back from upstream for delay ± jitter ms (order kept), as Toxiproxy's downstream latency
 * does. With a proxy gid it first takes that group, so the NAT redirect can exempt its own
 * upstream connections (`meta skgid`) and traffic never loops back into it.
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
  let last = 0;
  const pending = [];
  upstream.on("data", (b) => {
    const at = Math.max(last, Date.now() + wait());
    last = at;
    pending.push(setTimeout(() => client.write(b), at - Date.now()));
  });
  upstream.on("end", () => setTimeout(() => client.end(), Math.max(0, last - Date.now())));
  client.pipe(upstream);
  const close = () => { for (const t of pending) clearTimeout(t); client.destroy(); upstream.destroy(); };
  upstream.on("error", close);
  client.on("error", close);
  client.on("close", () => upstream.end());
}).listen(Number(lp), lh);
`;
