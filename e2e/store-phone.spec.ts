import { createProduct, expect, test, uniqueSku } from './fixtures';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test('at phone width the card and Buy are usable and nothing overflows sideways', async ({
  page,
  api,
}) => {
  const sku = await createProduct(api, uniqueSku('phone'), { stock: 3, limitPerShopper: 2 });
  await page.goto('/');
  const buy = page.getByTestId(`buy-${sku}`);
  await expect(buy).toBeEnabled();
  await buy.scrollIntoViewIfNeeded();

  const box = await buy.boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44);
  const card = await page.getByTestId(`product-${sku}`).boundingBox();
  expect(card!.x).toBeGreaterThanOrEqual(0);
  expect(card!.x + card!.width).toBeLessThanOrEqual(390);

  await buy.tap();
  await expect(page.getByTestId(`result-${sku}`)).toHaveAttribute('data-outcome', 'purchased');
  await expect(page.getByTestId(`stock-${sku}`)).toHaveText('2');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
