import { createProduct, expect, localInput, loginInBrowser, test, uniqueSku } from './fixtures';

// Every error of the product form shows at the first submit, the sale window's among them.
for (const width of [1280, 390] as const) {
  test(`a new product with six bad fields shows all six errors at once (${width} px)`, async ({
    page,
    api,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    // A catalogue with a product: an empty one shows a second "New product" in its empty state.
    await createProduct(api, uniqueSku('form-errors'));
    await loginInBrowser(page);
    await page.getByRole('button', { name: 'New product' }).click();
    const dialog = page.getByRole('dialog');
    const startMs = Date.now() + 2 * 3600_000;
    await dialog.getByLabel('SKU').fill('Bad SKU!');
    await dialog.getByLabel('Name').fill('Bad product');
    await dialog.getByLabel('Price (USD)').fill('-5');
    await dialog.getByLabel('Stock', { exact: true }).fill('-10');
    await dialog.getByLabel('Limit per shopper').fill('99999999');
    await dialog.getByLabel('Starts').fill(await localInput(page, startMs));
    await dialog.getByLabel('Ends').fill(await localInput(page, startMs - 3600_000));
    await dialog.getByLabel('Stock buckets').fill('99');
    await dialog.getByRole('button', { name: 'Create product' }).click();

    for (const field of ['SKU', 'Price (USD)', 'Limit per shopper', 'Ends', 'Stock buckets'])
      await expect(dialog.getByLabel(field)).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByLabel('Stock', { exact: true })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await expect(dialog.getByText('The end must come after the start.')).toBeVisible();
    await page.screenshot({
      path: `test-results/screens/form-errors-${width}.png`,
      fullPage: true,
    });
  });
}
