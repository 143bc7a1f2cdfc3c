import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { resultsDir } from "./codeServer";

const ChromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: ChromiumArgs, headless: true });
}

/** The VS Code workbench as a user sees it: palette, quick picks, dialogs, notifications, views, Problems. */
export class Workbench {
  private constructor(readonly page: Page) {}

  static async open(browser: Browser, url: string): Promise<Workbench> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url);
    await page.locator(".monaco-workbench").waitFor({ timeout: 60_000 });
    await page.locator(".statusbar").waitFor({ timeout: 60_000 });
    return new Workbench(page);
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(resultsDir, { recursive: true });
    const path = join(resultsDir, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /** Runs a palette command by its title (Control+Shift+P: F1 is taken by the browser). */
  async runCommand(title: string): Promise<void> {
    // Keys typed into a focused webview (the markdown preview) do not reach the workbench: focus the sidebar's title first.
    const sidebarTitle = this.page.locator(".part.sidebar .title-label").first();
    const input = this.quickInput.locator("input");
    // Clicked rather than Enter: a fuzzy match or a recently used command may be ranked first.
    const row = this.quickInput.locator(".monaco-list-row", { has: this.page.locator(".label-name", { hasText: new RegExp(`(^|: )${escapeRegExp(title)}$`) }) }).first();
    for (let attempt = 1; ; attempt++) {
      try {
        if (await sidebarTitle.isVisible()) await sidebarTitle.click();
        await this.page.keyboard.press("Control+Shift+P");
        await input.fill(`>${title}`, { timeout: 5_000 });
        await row.click({ timeout: 5_000 });
        return;
      } catch (e) {
        // A webview that takes focus as it finishes opening (the markdown preview) closes the
        // palette at any step, even with the row already listed: open it again.
        if (attempt === 3) throw e;
        await this.page.keyboard.press("Escape");
      }
    }
  }

  get quickInput(): Locator {
    return this.page.locator(".quick-input-widget");
  }

  /** Picks the quick-pick row whose label contains `label`. */
  async pick(label: string): Promise<void> {
    const row = this.quickInput.locator(".monaco-list-row", { hasText: label }).first();
    await row.waitFor();
    await row.click();
  }

  get dialog(): Locator {
    return this.page.locator(".monaco-dialog-box");
  }

  async dialogButton(label: string): Promise<void> {
    await this.dialog.locator(".monaco-button", { hasText: label }).first().click();
  }

  /** A toast (or a notification in the center) containing `text`. */
  notification(text: string | RegExp): Locator {
    return this.page.locator(".notification-toast, .notifications-center .notification-list-item", { hasText: text }).first();
  }

  get statusBar(): Locator {
    return this.page.locator(".statusbar");
  }

  async openSidebar(): Promise<ChaosSidebar> {
    const icon = this.page.locator('.activitybar .action-item a[aria-label^="Surveillance Chaos"]').first();
    await icon.waitFor({ timeout: 30_000 });
    const sidebar = new ChaosSidebar(this.page);
    if (!(await sidebar.view("Experiments").isVisible())) await icon.click();
    await sidebar.view("Experiments").waitFor();
    return sidebar;
  }

  async openProblems(): Promise<Locator> {
    await this.runCommand("Focus on Problems View");
    const panel = this.page.locator(".markers-panel");
    await panel.waitFor();
    return panel;
  }

  async openFile(relativePath: string): Promise<void> {
    await this.page.keyboard.press("Control+P");
    const input = this.quickInput.locator("input");
    await input.waitFor();
    await input.fill(relativePath);
    await this.quickInput.locator(".monaco-list-row").first().waitFor();
    await this.page.keyboard.press("Enter");
    await this.page.locator(".editor-instance .monaco-editor").first().waitFor();
  }
}

/** The Surveillance Chaos container: Experiments, Targets, Active Faults. */
export class ChaosSidebar {
  constructor(private readonly page: Page) {}

  view(title: string): Locator {
    return this.page.locator(".sidebar .pane", { has: this.page.locator(".pane-header", { hasText: title }) }).first();
  }

  row(viewTitle: string, text: string | RegExp): Locator {
    return this.view(viewTitle).locator(".monaco-list-row", { hasText: text }).first();
  }

  rows(viewTitle: string): Locator {
    return this.view(viewTitle).locator(".monaco-list-row");
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
