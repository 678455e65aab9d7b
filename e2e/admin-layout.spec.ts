import { createProduct, expect, loginInBrowser, test, uniqueSku } from './fixtures';

// At a tablet the wide-only columns fold into their neighbours; at a phone each row becomes a
// small card. Either way the row's actions stay on screen and nothing scrolls sideways.
for (const [device, width] of [
  ['a tablet', 768],
  ['a phone', 390],
] as const) {
  test.describe(`on ${device}`, () => {
    test.use({ viewport: { width, height: 1024 } });

    test('every row keeps its restock and edit actions on screen, nothing overflows sideways', async ({
      page,
      api,
    }) => {
      const sku = await createProduct(api, uniqueSku(`${width}-row`), {
        name: 'A rather long product name that must not push the actions away',
        endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      });
      await loginInBrowser(page);
      const row = page.getByTestId(`admin-row-${sku}`);
      await row.scrollIntoViewIfNeeded();
      for (const target of [
        page.getByTestId(`restock-${sku}`),
        page.getByTestId(`restock-submit-${sku}`),
        row.getByRole('button', { name: /^Edit / }),
      ]) {
        const box = await target.boundingBox();
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(width);
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        width,
      );
      await page.getByTestId(`restock-${sku}`).fill('3');
      await page.getByTestId(`restock-submit-${sku}`).click();
      await expect(page.getByTestId(`admin-stock-${sku}`)).toHaveText('13');
    });
  });
}
