import assert from "node:assert/strict";
import { test } from "node:test";
import { useE2eSession } from "./support/session";
import { Workbench } from "./support/workbench";


const session = useE2eSession({ trusted: true });

test("the sidebar lists CT-01…CT-04 grouped by component, and the lab's targets with their reachability", { timeout: 120_000 }, async () => {
  const wb = await Workbench.open(session.browser, session.server.url);
  const sidebar = await wb.openSidebar();
  for (const id of ["CT-01", "CT-02", "CT-03", "CT-04"]) {
    await sidebar.row("Experiments", id).waitFor({ timeout: 30_000 });
  }
  await sidebar.row("Experiments", "dashboard").waitFor();
  // The lab inventory: the hub target (local) and both cameras, checked live.
  await sidebar.row("Targets", "hub").waitFor({ timeout: 30_000 });
  await sidebar.row("Targets", /tapo_kitchen.*reachable/).waitFor({ timeout: 30_000 });
  await sidebar.row("Targets", /tapo_living_room.*reachable/).waitFor({ timeout: 30_000 });
  await sidebar.row("Targets", /prometheus.*reachable/).waitFor({ timeout: 30_000 });
  assert.match(await wb.statusBar.innerText(), /Chaos/);
  await wb.screenshot("sidebar");
});
