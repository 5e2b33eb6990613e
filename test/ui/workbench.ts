// Page object for the VS Code workbench served by code-server: what a person sees, read from the DOM.
// Selectors are VS Code's own class names and ARIA labels (1.100); they are kept here, in one place, so a
// VS Code update breaks one file and not every UI check.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';

const WORKBENCH_TIMEOUT_MS = 60_000;
const UI_TIMEOUT_MS = 15_000;

const SELECTORS = {
  workbench: '.monaco-workbench',
  statusBar: '.monaco-workbench .part.statusbar',
  editorPart: '.monaco-workbench .part.editor',
  explorerRows: '.explorer-folders-view .monaco-list-row',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickInputRows: '.quick-input-widget .quick-input-list .monaco-list-row',
  paneHeader: '.pane-header',
  treeRowLabel: '.monaco-tl-contents',
  markersPanel: '.markers-panel',
  markerRows: '.markers-panel .monaco-list-row',
  activeEditor: '.editor-group-container.active .monaco-editor',
  codeLens: '.codelens-decoration',
  actionWidgetRows: '.action-widget .action-list-item, .action-widget .monaco-list-row',
} as const;

export interface ProblemEntry {
  readonly severity: string;
  readonly message: string;
  /** 1-based, as the Problems panel shows it. */
  readonly line: number;
  readonly column: number;
  /** The row's accessible label, e.g. "Warning: <message> at line 1 and character 19.". */
  readonly label: string;
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

  /** Opens the Problems panel (Ctrl+Shift+M) and returns its marker rows (file rows left out). */
  async problems(expectAtLeast = 1): Promise<ProblemEntry[]> {
    const panel = this.page.locator(SELECTORS.markersPanel);
    if (!(await panel.isVisible())) {
      await this.focusWorkbench();
      await this.page.keyboard.press('Control+Shift+M');
    }
    await panel.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    const rows = this.page.locator(SELECTORS.markerRows);
    // File rows count too; a marker row exists only once its file row does.
    await expectCount(rows, expectAtLeast + 1);
    const entries: ProblemEntry[] = [];
    for (const row of await rows.all()) {
      const label = (await row.getAttribute('aria-label')) ?? '';
      const parsed = MARKER_LABEL.exec(label);
      if (!parsed) continue;
      entries.push({
        severity: parsed[1]!,
        message: parsed[2]!,
        line: Number(parsed[3]),
        column: Number(parsed[4]),
        label,
      });
    }
    return entries;
  }

  /** Opens a workspace file by its name through Quick Open (Ctrl+P). */
  async openFile(fileName: string): Promise<void> {
    await this.quickAccess(fileName, fileName);
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

  /** Opens the quick-fix menu at the cursor (Ctrl+.) and returns the titles it offers. */
  async quickFixTitles(): Promise<string[]> {
    await this.page.keyboard.press('Control+.');
    const rows = this.page.locator(SELECTORS.actionWidgetRows);
    await expectCount(rows, 1);
    return this.rowTexts(rows);
  }

  /**
   * Opens the quick-fix menu at the cursor and applies the item whose title contains `title`, moving
   * with the arrow keys as a person would (the menu lays a pointer block over the page, so clicks miss).
   */
  async applyQuickFix(title: string): Promise<void> {
    const offered = await this.quickFixTitles();
    if (!offered.some((item) => item.includes(title))) {
      throw new Error(`quick fix "${title}" not offered; offered: ${JSON.stringify(offered)}`);
    }
    const focused = this.page.locator('.action-widget .monaco-list-row.focused');
    for (let step = 0; step <= offered.length; step++) {
      if (((await focused.getAttribute('aria-label', { timeout: UI_TIMEOUT_MS })) ?? '').includes(title)) {
        await this.page.keyboard.press('Enter');
        await this.page.locator('.action-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
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

  async screenshot(filePath: string): Promise<string> {
    fs.mkdirSync(path.dirname(filePath), { recursive: true });
    await this.page.screenshot({ path: filePath });
    return filePath;
  }

  private viewHeader(viewTitle: string): Locator {
    return this.page.locator(`${SELECTORS.paneHeader}[aria-label="${viewTitle} Section"]`).first();
  }

  private viewPane(viewTitle: string): Locator {
    return this.page.locator('.pane').filter({ has: this.viewHeader(viewTitle) }).first();
  }

  /**
   * Types into Quick Open and picks the row containing `pick`; `text` starting with `>` searches commands.
   * Typed key by key: a whole-string fill does not always reach the quick-access provider's filter.
   */
  private async quickAccess(text: string, pick: string): Promise<void> {
    await this.focusWorkbench();
    await this.page.keyboard.press('F1');
    const input = this.page.locator(SELECTORS.quickInputBox);
    await input.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await input.fill('');
    await input.pressSequentially(text);
    const row = this.page.locator(SELECTORS.quickInputRows).filter({ hasText: pick }).first();
    await row.waitFor({ state: 'visible', timeout: UI_TIMEOUT_MS });
    await row.click();
    await this.page.locator(SELECTORS.quickInput).waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
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

export function viewFromManifest(extensionPath: string, viewId: string): { viewTitle: string; containerTitle: string } {
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8')) as ManifestViews;
  for (const [containerId, views] of Object.entries(manifest.contributes?.views ?? {})) {
    const view = views.find((candidate) => candidate.id === viewId);
    if (!view) continue;
    const contributed = Object.values(manifest.contributes?.viewsContainers ?? {})
      .flat()
      .find((container) => container.id === containerId);
    const containerTitle = contributed?.title ?? BUILT_IN_CONTAINER_TITLES[containerId];
    if (!containerTitle) throw new Error(`container ${containerId} of view ${viewId} has no known title`);
    return { viewTitle: view.name, containerTitle };
  }
  throw new Error(`view ${viewId} is not contributed by ${extensionPath}/package.json`);
}
