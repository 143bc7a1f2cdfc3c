/**
 * Sizes as the fault schemas write them: "0", "512K", "10MiB", "2GB". An "i" or a bare unit
 * means powers of 1024 (as df and dd read them); "KB", "MB", "GB" mean powers of 1000.
 */
const SIZE = /^(\d+)(?:([KMG])(i)?(B)?)?$/;
const POWER: Record<string, number> = { K: 1, M: 2, G: 3 };

export function parseSize(text: string): number {
  const m = SIZE.exec(text);
  if (!m) throw new Error(`not a size: ${JSON.stringify(text)}`);
  const n = Number(m[1]);
  if (m[2] === undefined) return n;
  const decimal = m[3] === undefined && m[4] !== undefined;
  return n * (decimal ? 1000 : 1024) ** (POWER[m[2]] ?? 0);
}

export function formatBytes(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = n;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)}${units[i]}`;
}
