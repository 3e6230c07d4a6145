// The README's screenshots, taken from the real workbench: drives the UI as a user would (Quick Open, mouse
// hover on a squiggle, the command palette, a click in the webview) and saves PNGs. Run by `run.mjs --shots DIR`.
import path from 'node:path';

const S = 1000;

async function palette(page, title) {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ timeout: 10 * S });
  await page.keyboard.type(title);
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: title })
    .first()
    .waitFor({ timeout: 10 * S });
  await page.keyboard.press('Enter');
}

/** The webview's inner frame that holds `selector` (webviews are nested iframes). */
async function frameWith(page, selector) {
  for (let i = 0; i < 100; i++) {
    for (const f of page.frames()) if (await f.$(selector).catch(() => null)) return f;
    await page.waitForTimeout(200);
  }
  throw new Error(`no webview frame with ${selector}`);
}

export async function shoot(page, dir, say) {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60 * S });
  // Remote extensions register after the workbench paints: wait for our activity-bar entry before the palette.
  await page
    .locator('.activitybar .action-item a[aria-label^="Responsibility Lens"]')
    .first()
    .waitFor({ timeout: 60 * S });
  await page.locator('.part.editor').click({ position: { x: 300, y: 300 } });

  // Scan first so the view has the whole workspace; then open the template the hover shot is about.
  await palette(page, 'Responsibility Lens: Scan Workspace');
  await page.keyboard.press('Control+P');
  await page.keyboard.type('arm/storage.json');
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: 'storage.json' })
    .first()
    .waitFor({ timeout: 30 * S });
  await page.keyboard.press('Enter');
  const squiggle = page.locator('.monaco-editor .squiggly-error').first();
  await squiggle.waitFor({ state: 'attached', timeout: 30 * S });
  say('squiggle shown');

  const hover = page.locator('.monaco-hover', { hasText: 'Why it matters' }).first();
  const box = await squiggle.boundingBox();
  // Editor hovers start from mouse movement: approach the squiggle in small steps.
  for (let i = 0; i <= 6; i++) {
    await page.mouse.move(box.x + (box.width * i) / 12, box.y + box.height / 2);
    await page.waitForTimeout(120);
  }
  await hover.waitFor({ state: 'visible', timeout: 15 * S });
  await page.waitForTimeout(800);
  await page.screenshot({ path: path.join(dir, 'hover.png') });
  say('hover.png');

  await page.keyboard.press('Escape');
  await page.mouse.move(5, 5);
  // A taller window and the view's group maximised, so the matrix and the selected cell's findings both fit.
  await page.setViewportSize({ width: 1440, height: 1300 });
  await palette(page, 'Responsibility Lens: Show Responsibility View');
  const view = await frameWith(page, '#matrix');
  const cell = view.locator('button[data-cell="configurations|PaaS"]');
  await cell.click();
  await view
    .locator('#details button.finding')
    .first()
    .waitFor({ timeout: 10 * S });
  await palette(page, 'View: Toggle Maximize Editor Group').catch(() => {});
  await page.waitForTimeout(1000);
  await cell.click();
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(dir, 'view.png') });
  say('view.png');

  await palette(page, 'View: Toggle Maximize Editor Group').catch(() => {});
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.locator('.activitybar .action-item a[aria-label^="Responsibility Lens"]').first().click();
  await page
    .locator('.monaco-list-row', { hasText: 'Configurations and settings' })
    .first()
    .waitFor({ timeout: 10 * S });
  await page.waitForTimeout(800);
  await page.screenshot({ path: path.join(dir, 'tree.png') });
  say('tree.png');
}
