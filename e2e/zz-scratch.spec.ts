import { createProduct, expect, loginInBrowser, openEditDialog, test, uniqueSku } from './fixtures';

test('scratch: does a poll re-mount the edit dialog?', async ({ page, api }) => {
  const sku = await createProduct(api, uniqueSku('scratch'));
  for (let i = 0; i < 30; i++) await createProduct(api, uniqueSku('filler'));
  await loginInBrowser(page);
  const dialog = await openEditDialog(page, sku);
  const button = dialog.getByRole('button', { name: 'Delete…' });
  await expect(button).toBeVisible();
  const handle = await button.elementHandle();
  await page.evaluate(() => {
    const w = window as unknown as { muts: number; boxes: string[] };
    w.muts = 0;
    w.boxes = [];
    new MutationObserver((m) => (w.muts += m.length)).observe(document.querySelector('dialog')!, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  });
  const boxes: string[] = [];
  for (let i = 0; i < 20; i++) {
    boxes.push(JSON.stringify(await handle!.boundingBox()));
    await page.waitForTimeout(150);
  }
  const connected = await handle!.evaluate((el) => el.isConnected);
  const muts = await page.evaluate(() => (window as unknown as { muts: number }).muts);
  console.log('connected', connected, 'mutations', muts, 'distinct boxes', new Set(boxes).size, [
    ...new Set(boxes),
  ]);
});
