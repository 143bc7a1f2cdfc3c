import { mkdir, readdir, rm, symlink, writeFile, copyFile, chmod } from "node:fs/promises";
import { join } from "node:path";
import { runChecked } from "./runCommand.js";

/** Debian's busybox-static: one self-contained binary, so the image needs no libc or registry. */
const BUSYBOX = "/bin/busybox";
export const LAB_BUSYBOX_IMAGE = "localhost/lab-busybox:latest";

/**
 * Builds a root filesystem tarball for `docker import`: busybox, one link per applet, a
 * passwd/group so `id` and httpd are happy, and a page for the lab container's httpd.
 */
export async function buildBusyboxRootfsTar(workDir: string): Promise<string> {
  const rootfs = join(workDir, "rootfs");
  await rm(rootfs, { recursive: true, force: true });
  for (const dir of ["bin", "etc", "tmp", "www", "proc", "sys", "dev"]) await mkdir(join(rootfs, dir), { recursive: true });
  await copyFile(BUSYBOX, join(rootfs, "bin", "busybox"));
  await chmod(join(rootfs, "bin", "busybox"), 0o755);
  const applets = (await runChecked(BUSYBOX, ["--list"])).split("\n").filter((a) => /^[\w.[-]+$/.test(a) && a !== "busybox");
  const existing = new Set(await readdir(join(rootfs, "bin")));
  for (const applet of applets) if (!existing.has(applet)) await symlink("busybox", join(rootfs, "bin", applet));
  await writeFile(join(rootfs, "etc", "passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n");
  await writeFile(join(rootfs, "etc", "group"), "root:x:0:\nnogroup:x:65534:\n");
  await writeFile(join(rootfs, "www", "index.html"), "lab-edge-agent: busybox container of the Surveillance Chaos lab\n");
  const tar = join(workDir, "rootfs.tar");
  await runChecked("tar", ["--numeric-owner", "-C", rootfs, "-cf", tar, "."]);
  await rm(rootfs, { recursive: true, force: true });
  return tar;
}
