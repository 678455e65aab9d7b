import { seriousViolations } from './axe';
import { createProduct, expect, loginInBrowser, test, uniqueSku } from './fixtures';

test.describe('on a tablet', () => {
  test.use({ viewport: { width: 768, height: 1024 } });

  test('every row keeps its restock and edit actions on screen, nothing overflows sideways', async ({
    page,
    api,
  }) => {
    const sku = await createProduct(api, uniqueSku('tablet-row'), {
      name: 'A rather long product name that must not push the actions away',
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    await loginInBrowser(page);
    for (const testId of [`restock-${sku}`, `restock-submit-${sku}`]) {
      const box = await page.getByTestId(testId).boundingBox();
      expect(box!.x + box!.width, testId).toBeLessThanOrEqual(768);
    }
    const edit = await page
      .getByTestId(`admin-row-${sku}`)
      .getByRole('button', { name: /^Edit / })
      .boundingBox();
    expect(edit!.x + edit!.width).toBeLessThanOrEqual(768);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      768,
    );
  });
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds no serious or critical violation on the admin pages (${colorScheme})`, async ({
    page,
    api,
  }) => {
    // Three full-page axe runs take a while on a loaded 2-core machine.
    test.slow();
    await createProduct(api, uniqueSku('axe-admin'));
    await createProduct(api, uniqueSku('axe-admin-soon'), {
      startsAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await page.emulateMedia({ colorScheme });

    await page.goto('/admin/login');
    await page.getByTestId('password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expect(page.getByText('Wrong password')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await loginInBrowser(page);
    await page.getByRole('button', { name: 'Run audit' }).click();
    await expect(page.getByTestId('audit-summary')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'New product' }).click();
    await page.getByRole('button', { name: 'Create product' }).click();
    await expect(page.getByText('Enter a SKU.')).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}
