// Page object for the VS Code workbench served by code-server: what a person sees, read from the DOM.
// Selectors are VS Code's own class names and ARIA labels (1.100); they are kept here, in one place, so a
// VS Code update breaks one file and not every UI check.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';

const WORKBENCH_TIMEOUT_MS = 60_000;
const UI_TIMEOUT_MS = 15_000;

const SELECTORS = {
  workbench: '.monaco-workbench',
  statusBar: '.monaco-workbench .part.statusbar',
  editorPart: '.monaco-workbench .part.editor',
  sideBar: '.monaco-workbench .part.sidebar',
  explorerRows: '.explorer-folders-view .monaco-list-row',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickInputRows: '.quick-input-widget .quick-input-list .monaco-list-row',
  paneHeader: '.pane-header',
  treeRowLabel: '.monaco-tl-contents',
  markersPanel: '.markers-panel',
  markerRows: '.markers-panel .monaco-list-row',
  problemsFilter: '.part.panel input[aria-label="Filter Problems"]',
  treeItemLabel: '.label-name',
  treeItemDescription: '.label-description',
  activeEditor: '.editor-group-container.active .monaco-editor',
  codeLens: '.codelens-decoration',
  // The quick-fix menu. 1.139 keeps an (empty) submenu panel beside it that is an .action-widget too.
  actionWidget: '.action-widget:not(.action-list-submenu-panel)',
  // Group headers ("Quick Fix") are rows too, but offer nothing.
  actionWidgetRows: '.action-widget:not(.action-list-submenu-panel) .monaco-list-row:not(.group-header)',
} as const;

export interface ProblemEntry {
  readonly severity: string;
  readonly message: string;
  /** 1-based, as the Problems panel shows it. */
  readonly line: number;
  readonly column: number;
  /** The diagnostic's code as shown beside the message (our rule id), '' when there is none. */
  readonly code: string;
  /** Who reported it, e.g. "Kafka Cutover". */
  readonly source: string;
  /** The row's accessible label, e.g. "Warning: <message> at line 1 and character 19.". */
  readonly label: string;
}

export interface TreeItemText {
  readonly label: string;
  /** The dimmer text after the label; '' when the item has none. */
  readonly description: string;
}

// VS Code 1.100's accessible label of a marker row; file rows read "<n> problems in file <name> ...".
const MARKER_LABEL = /^(\w+): (.*) at line (\d+) and character (\d+)/s;

export class Workbench {
  constructor(readonly page: Page) {}

  /** Loads `baseUrl` with `workspacePath` as the folder and waits until the workbench can be used. */
  static async open(page: Page, baseUrl: string, workspacePath: string): Promise<Workbench> {
    await page.goto(`${baseUrl}/?folder=${encodeURIComponent(workspacePath)}`);
    const workbench = new Workbench(page);
    await workbench.waitUntilReady();
    return workbench;
  }

  async waitUntilReady(): Promise<void> {
    for (const selector of [SELECTORS.workbench, SELECTORS.statusBar, SELECTORS.editorPart, SELECTORS.explorerRows]) {
      await this.page.locator(selector).first().waitFor({ state: 'visible', timeout: WORKBENCH_TIMEOUT_MS });
    }
  }

  /** Names in the Explorer's file tree, top to bottom, as rendered (collapsed folders hide their files). */
  async explorerEntries(): Promise<string[]> {
    return this.rowTexts(this.page.locator(SELECTORS.explorerRows));
  }

  /**
   * Shows the view titled `viewTitle` in its container (opened through its activity-bar entry titled
   * `containerTitle`) and expands its section when collapsed.
   */
  async openView(viewTitle: string, containerTitle = 'Explorer'): Promise<Locator> {
    const header = this.viewHeader(viewTitle);
    // Clicking the entry of the container already shown would hide the side bar instead.
    const containerEntry = this.page.locator(`.part.activitybar .action-item:has(a[aria-label^="${containerTitle}"])`).first();
    await containerEntry.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    if (!(await containerEntry.evaluate((element) => element.classList.contains('checked')))) await containerEntry.click();
    await header.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    return this.viewPane(viewTitle);
  }

  /** Opens the view contributed under `viewId` in the extension manifest at `extensionPath`. */
  async openViewById(viewId: string, extensionPath: string): Promise<Locator> {
    const { viewTitle, containerTitle } = viewFromManifest(extensionPath, viewId);
    return this.openView(viewTitle, containerTitle);
  }

  /** Visible row labels of the tree in the view titled `viewTitle`, top to bottom. */
  async treeRows(viewTitle: string, expectAtLeast = 1): Promise<string[]> {
    const rows = this.viewPane(viewTitle).locator(SELECTORS.treeRowLabel);
    await expectCount(rows, expectAtLeast);
    return this.rowTexts(rows);
  }

  /** Drags the edge between the side bar and the editors until the side bar is `width` pixels wide. */
  async resizeSideBar(width: number): Promise<void> {
    const sideBar = this.page.locator(SELECTORS.sideBar);
    const box = await sideBar.boundingBox();
    if (!box) throw new Error('the side bar is not shown');
    const edgeX = box.x + box.width;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(edgeX - 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width, y, { steps: 5 });
    await this.page.mouse.up();
  }

  /** Visible rows of the tree in the view titled `viewTitle` as label and description, top to bottom. */
  async treeItems(viewTitle: string, expectAtLeast = 1): Promise<TreeItemText[]> {
    const rows = this.viewPane(viewTitle).locator(SELECTORS.treeRowLabel);
    await expectCount(rows, expectAtLeast);
    const items: TreeItemText[] = [];
    for (const row of await rows.all()) {
      const description = row.locator(SELECTORS.treeItemDescription);
      items.push({
        label: normalise(await row.locator(SELECTORS.treeItemLabel).first().innerText()),
        description: (await description.count()) ? normalise(await description.first().innerText()) : '',
      });
    }
    return items;
  }

  /** Waits until the tree in the view titled `viewTitle` shows `item` (trees refresh asynchronously). */
  async waitForTreeItem(viewTitle: string, item: TreeItemText, timeoutMs = UI_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let seen = await this.treeItems(viewTitle);
    while (!seen.some((row) => row.label === item.label && row.description === item.description)) {
      if (Date.now() > deadline) throw new Error(`${viewTitle} never showed ${JSON.stringify(item)}; last seen: ${JSON.stringify(seen)}`);
      await this.page.waitForTimeout(200);
      seen = await this.treeItems(viewTitle);
    }
  }

  /** Waits until the Problems panel, as filtered, lists no problem. */
  async waitForNoProblems(timeoutMs = UI_TIMEOUT_MS): Promise<void> {
    await this.showProblems();
    await this.page.locator(SELECTORS.markerRows).first().waitFor({ state: 'detached', timeout: timeoutMs });
  }

  /** Opens the Problems panel (Ctrl+Shift+M) and types `text` into its filter ('' clears it). */
  async filterProblems(text: string): Promise<void> {
    await this.showProblems();
    const filter = this.page.locator(SELECTORS.problemsFilter).first();
    await filter.fill(text);
    // The panel applies the filter after a short delay; wait until every file row shown matches.
    if (text) {
      await this.page
        .locator(`${SELECTORS.markerRows}[aria-label*=" problems in file "]`)
        .first()
        .waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
      const deadline = Date.now() + UI_TIMEOUT_MS;
      while ((await this.fileRowsOutside(text)) > 0) {
        if (Date.now() > deadline) throw new Error(`the Problems filter "${text}" never applied`);
        // The panel can draw its filter box again while it opens and drop what was typed (seen on a clean
        // CI machine: an empty box, every file shown): type it again, as a person would.
        if ((await filter.inputValue().catch(() => '')) !== text) await filter.fill(text);
        await this.page.waitForTimeout(100);
      }
    }
  }

  /** Opens the Problems panel (Ctrl+Shift+M) and returns its marker rows (file rows left out). */
  async problems(expectAtLeast = 1): Promise<ProblemEntry[]> {
    await this.showProblems();
    const rows = this.page.locator(SELECTORS.markerRows);
    // File rows count too; a marker row exists only once its file row does.
    await expectCount(rows, expectAtLeast + 1);
    const entries: ProblemEntry[] = [];
    for (const row of await rows.all()) {
      const label = (await row.getAttribute('aria-label')) ?? '';
      const parsed = MARKER_LABEL.exec(label);
      if (!parsed) continue;
      const code = row.locator('.marker-code');
      const source = row.locator('.marker-source');
      entries.push({
        severity: parsed[1]!,
        message: parsed[2]!,
        line: Number(parsed[3]),
        column: Number(parsed[4]),
        code: (await code.count()) ? normalise(await code.first().innerText()) : '',
        source: (await source.count()) ? normalise(await source.first().innerText()) : '',
        label,
      });
    }
    return entries;
  }

  /**
   * Opens a workspace file through Quick Open by its name or its path relative to the workspace folder
   * (a path picks the row of that folder when several files share the name).
   */
  async openFile(relativePath: string): Promise<void> {
    const fileName = path.posix.basename(relativePath);
    const folder = path.posix.dirname(relativePath);
    await this.quickAccess(relativePath, fileName, folder === '.' ? undefined : folder);
    await this.page
      .locator(`.tabs-container .tab[aria-label^="${fileName}"]`)
      .first()
      .waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await this.page.locator(SELECTORS.activeEditor).first().waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  }

  /** Code lens titles in the active editor, top to bottom. */
  async codeLenses(expectAtLeast = 1): Promise<string[]> {
    const lenses = this.page.locator(`${SELECTORS.activeEditor} ${SELECTORS.codeLens}`);
    await expectCount(lenses, expectAtLeast);
    return this.rowTexts(lenses);
  }

  /** Puts the cursor at a 1-based line and column of the active editor (Ctrl+G). */
  async goToPosition(line: number, column: number): Promise<void> {
    await this.page.locator(`${SELECTORS.activeEditor} .view-lines`).first().click();
    await this.page.keyboard.press('Control+G');
    await this.page.locator(SELECTORS.quickInputBox).waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await this.page.keyboard.type(`${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator(SELECTORS.quickInput).waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  }

  /**
   * Opens the quick-fix menu at the cursor (Ctrl+.) and returns the titles it offers; the menu stays open.
   * A Ctrl+. pressed while the diagnostics at the cursor are still being computed (a busy machine) opens
   * nothing, as it would for a person, who presses again: so does this, up to three times.
   */
  async quickFixTitles(): Promise<string[]> {
    const rows = this.page.locator(SELECTORS.actionWidgetRows);
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Control+.');
      try {
        await rows.first().waitFor({ state: 'attached', timeout: attempt < 3 ? QUICK_FIX_WAIT_MS : UI_TIMEOUT_MS });
        return this.rowTexts(rows);
      } catch (error) {
        if (attempt === 3) throw error;
        await this.page.keyboard.press('Escape');
      }
    }
  }

  /** Opens the quick-fix menu at the cursor and applies the item whose title contains `title`. */
  async applyQuickFix(title: string): Promise<void> {
    await this.chooseQuickFix(title, await this.quickFixTitles());
  }

  /**
   * In the open quick-fix menu (`offered` = its titles), applies the item whose title contains `title`,
   * moving with the arrow keys as a person would (the menu lays a pointer block over the page, so clicks miss).
   */
  async chooseQuickFix(title: string, offered: readonly string[]): Promise<void> {
    if (!offered.some((item) => item.includes(title))) {
      throw new Error(`quick fix "${title}" not offered; offered: ${JSON.stringify(offered)}`);
    }
    const focused = this.page.locator(`${SELECTORS.actionWidget} .monaco-list-row.focused`);
    for (let step = 0; step <= offered.length; step++) {
      if (((await focused.getAttribute('aria-label', { timeout: UI_TIMEOUT_MS })) ?? '').includes(title)) {
        await this.page.keyboard.press('Enter');
        await this.page.locator(SELECTORS.actionWidget).waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
        return;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`could not move the quick-fix focus to "${title}"`);
  }

  /** Text of the active editor as rendered (only the lines on screen). */
  async visibleEditorText(): Promise<string> {
    const lines = this.page.locator(`${SELECTORS.activeEditor} .view-lines .view-line`);
    const texts = await lines.allInnerTexts();
    // Rendered lines are absolutely positioned and come out of the DOM in any order.
    const tops = await lines.evaluateAll((elements) =>
      elements.map((element) => Number.parseFloat((element as unknown as { style: { top: string } }).style.top)),
    );
    return texts
      .map((text, index) => ({ text: text.replace(/\u00a0/g, ' '), top: tops[index] ?? 0 }))
      .sort((a, b) => a.top - b.top)
      .map((line) => line.text)
      .join('\n');
  }

  /** Waits until the rendered text of the active editor matches `pattern` (edits render asynchronously). */
  async waitForEditorText(pattern: RegExp, timeoutMs = UI_TIMEOUT_MS): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let text = await this.visibleEditorText();
    while (!pattern.test(text)) {
      if (Date.now() > deadline) throw new Error(`editor text never matched ${pattern}; last seen:\n${text}`);
      await this.page.waitForTimeout(200);
      text = await this.visibleEditorText();
    }
    return text;
  }

  /** Runs a command from the palette by the title it shows there (e.g. "Kafka Cutover: Show Cutover Plan"). */
  async runCommand(title: string): Promise<void> {
    await this.quickAccess(`>${title}`, title);
  }

  /**
   * The frame holding a webview's own page: VS Code nests it in an iframe inside the webview's iframe.
   * Found by an element the page is known to have (`selector`), as frame URLs are VS Code's own.
   */
  async webviewFrame(selector: string, timeoutMs = UI_TIMEOUT_MS): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const frame of this.page.frames()) {
        if (
          await frame
            .locator(selector)
            .count()
            .catch(() => 0)
        )
          return frame;
      }
      if (Date.now() > deadline) throw new Error(`no webview shows ${selector}`);
      await this.page.waitForTimeout(200);
    }
  }

  async screenshot(filePath: string): Promise<string> {
    fs.mkdirSync(path.dirname(filePath), { recursive: true });
    await this.page.screenshot({ path: filePath });
    return filePath;
  }

  private viewHeader(viewTitle: string): Locator {
    return this.page.locator(`${SELECTORS.paneHeader}[aria-label="${viewTitle} Section"]`).first();
  }

  private viewPane(viewTitle: string): Locator {
    return this.page
      .locator('.pane')
      .filter({ has: this.viewHeader(viewTitle) })
      .first();
  }

  /**
   * Types into Quick Open and picks the row containing `pick`; `text` starting with `>` searches commands.
   * Typed key by key: a whole-string fill does not always reach the quick-access provider's filter.
   */
  private async quickAccess(text: string, pick: string, alsoShowing?: string): Promise<void> {
    await this.focusWorkbench();
    await this.page.keyboard.press('F1');
    const input = this.page.locator(SELECTORS.quickInputBox);
    await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await input.fill('');
    await input.pressSequentially(text);
    let rows = this.page.locator(SELECTORS.quickInputRows).filter({ hasText: pick });
    if (alsoShowing) rows = rows.filter({ hasText: alsoShowing });
    const row = rows.first();
    await row.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await row.click();
    await this.page.locator(SELECTORS.quickInput).waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
  }

  private async showProblems(): Promise<void> {
    const panel = this.page.locator(SELECTORS.markersPanel);
    if (!(await panel.isVisible())) {
      await this.focusWorkbench();
      await this.page.keyboard.press('Control+Shift+M');
    }
    await panel.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
  }

  /** File rows of the Problems panel whose path does not contain `text` (the filter not applied yet). */
  private async fileRowsOutside(text: string): Promise<number> {
    const labels = await this.page
      .locator(`${SELECTORS.markerRows}[aria-label*=" problems in file "]`)
      .evaluateAll((rows) => rows.map((row) => row.querySelector('.monaco-icon-label')?.getAttribute('aria-label') ?? ''));
    return labels.filter((label) => !label.includes(text)).length;
  }

  /** VS Code listens for keys on the window; Escape only closes whatever widget would swallow them. */
  private async focusWorkbench(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }

  private async rowTexts(rows: Locator): Promise<string[]> {
    return (await rows.allInnerTexts()).map(normalise).filter((text) => text.length > 0);
  }
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** How long one Ctrl+. waits for the quick-fix menu before pressing again. */
const QUICK_FIX_WAIT_MS = 5_000;

async function expectCount(locator: Locator, atLeast: number): Promise<void> {
  if (atLeast <= 0) return;
  await locator.nth(atLeast - 1).waitFor({ state: 'attached', timeout: UI_TIMEOUT_MS });
}

interface ManifestViews {
  contributes?: {
    views?: Record<string, { id: string; name: string }[]>;
    viewsContainers?: Record<string, { id: string; title: string }[]>;
  };
}

/** VS Code's own containers an extension may add views to, by the title of their activity-bar entry. */
const BUILT_IN_CONTAINER_TITLES: Record<string, string> = {
  explorer: 'Explorer',
  scm: 'Source Control',
  debug: 'Run and Debug',
  test: 'Testing',
};

/**
 * Manifest strings written as `%key%` are shown from `package.nls.json` (English, the workbench's locale in
 * these runs); plain strings are shown as written.
 */
function manifestStrings(extensionPath: string): (value: string) => string {
  const nlsFile = path.join(extensionPath, 'package.nls.json');
  const nls = fs.existsSync(nlsFile) ? (JSON.parse(fs.readFileSync(nlsFile, 'utf8')) as Record<string, string>) : {};
  return (value) => {
    const key = /^%(.+)%$/.exec(value)?.[1];
    if (key === undefined) return value;
    const shown = nls[key];
    if (shown === undefined) throw new Error(`${extensionPath}/package.nls.json has no "${key}"`);
    return shown;
  };
}

export function viewFromManifest(extensionPath: string, viewId: string): { viewTitle: string; containerTitle: string } {
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8')) as ManifestViews;
  const shown = manifestStrings(extensionPath);
  for (const [containerId, views] of Object.entries(manifest.contributes?.views ?? {})) {
    const view = views.find((candidate) => candidate.id === viewId);
    if (!view) continue;
    const contributed = Object.values(manifest.contributes?.viewsContainers ?? {})
      .flat()
      .find((container) => container.id === containerId);
    const containerTitle = contributed ? shown(contributed.title) : BUILT_IN_CONTAINER_TITLES[containerId];
    if (!containerTitle) throw new Error(`container ${containerId} of view ${viewId} has no known title`);
    return { viewTitle: shown(view.name), containerTitle };
  }
  throw new Error(`view ${viewId} is not contributed by ${extensionPath}/package.json`);
}
