import type { Page } from '@playwright/test';
import { createProduct, expect, loginInBrowser, openEditDialog, test, uniqueSku } from './fixtures';

/** Where the screenshots of this spec go, to be looked at. */
const shot = (name: string) => `test-results/screens/${name}.png`;

async function openEdit(page: Page, sku: string, name: string) {
  await openEditDialog(page, sku);
  return page.getByRole('dialog', { name: `Edit ${name}` });
}

// Two admins (two tabs) edit one product: the second save is refused with what changed, and the
// edit can be reapplied on top of the other admin's, so neither change is lost.
for (const width of [1280, 390] as const) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });
    // Two admin pages polling side by side: on one busy core this took 1.5 min.
    test.slow();

    test("a stale save is refused with what changed; reload-and-reapply keeps both admins' changes", async ({
      page,
      context,
      api,
    }) => {
      const name = `Comet Backpack ${width}`;
      const sku = await createProduct(api, uniqueSku(`two-tabs-${width}`), {
        name,
        priceCents: 8900,
        stock: 250,
        limitPerShopper: 3,
      });
      await loginInBrowser(page);
      const tabB = await context.newPage();
      await tabB.goto('/admin');
      await tabB.locator('table[aria-busy="false"]').first().waitFor();

      const a = await openEdit(page, sku, name);
      const b = await openEdit(tabB, sku, name);

      // Tab B sets the price and saves.
      await b.getByLabel('Price (USD)').fill('80.00');
      await b.getByRole('button', { name: 'Save changes' }).click();
      await expect(tabB.getByText(`Saved ${sku}.`)).toBeVisible();

      // Tab A, opened before that, changes only the name: refused, and told what changed.
      await a.getByLabel('Name').fill(`${name} XL`);
      await a.getByRole('button', { name: 'Save changes' }).click();
      const conflict = a.getByTestId('edit-conflict');
      await expect(conflict).toContainText('Someone changed this product since you opened it.');
      await expect(conflict).toContainText('Price: $89.00 → $80.00');
      await expect(
        conflict.getByRole('button', { name: 'Reload and reapply my changes' }),
      ).toBeInViewport();
      await page.screenshot({ path: shot(`edit-conflict-${width}`) });
      const stored = await (await api.get(`/api/products/${sku}`)).json();
      expect(stored).toMatchObject({ name, priceCents: 8000 });

      // Reapplied: A's name on top of B's price, then saved.
      await conflict.getByRole('button', { name: 'Reload and reapply my changes' }).click();
      await expect(a.getByLabel('Name')).toHaveValue(`${name} XL`);
      await expect(a.getByLabel('Price (USD)')).toHaveValue('80.00');
      await expect(a.getByTestId('edit-conflict')).toHaveCount(0);
      await a.getByRole('button', { name: 'Save changes' }).click();
      await expect(page.getByText(`Saved ${sku}.`)).toBeVisible();
      const after = await (await api.get(`/api/products/${sku}`)).json();
      expect(after).toMatchObject({ name: `${name} XL`, priceCents: 8000 });
    });
  });
}
