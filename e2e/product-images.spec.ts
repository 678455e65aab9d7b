import { gradientPng } from '../lib/inventory/demo-png';
import { createProduct, expect, loginInBrowser, test, uniqueSku, openEditDialog } from './fixtures';

const png = gradientPng(48, 27, [37, 99, 235], [16, 185, 129]);

test('an image is type- and size-checked, kept by the app, served with caching headers and shown on the card', async ({
  page,
  api,
}) => {
  const sku = await createProduct(api, uniqueSku('pictured'), { name: 'Pictured Lamp' });
  const bare = await createProduct(api, uniqueSku('bare'), { name: 'Plain Lamp' });
  const put = (data: Buffer, type: string) =>
    api.put(`/api/admin/products/${sku}/image`, { data, headers: { 'content-type': type } });

  // The bytes decide, not the header: text that says it is a PNG is refused.
  expect((await put(Buffer.from('<svg onload="alert(1)"/>'), 'image/png')).status()).toBe(400);
  expect((await put(Buffer.alloc(600 * 1024, 1), 'image/png')).status()).toBe(413);
  const saved = await put(png, 'image/png');
  expect(saved.status()).toBe(200);
  const { image } = (await saved.json()) as { image: string };
  expect(image).toMatch(new RegExp(`^/api/products/${sku}/image\\?v=`));

  const served = await api.get(image);
  expect(served.status()).toBe(200);
  expect(served.headers()['content-type']).toBe('image/png');
  expect(served.headers()['cache-control']).toContain('immutable');
  expect(served.headers()['x-content-type-options']).toBe('nosniff');
  expect(Buffer.from(await served.body()).equals(png)).toBe(true);
  const again = await api.get(image, { headers: { 'if-none-match': served.headers().etag! } });
  expect(again.status()).toBe(304);

  await page.goto('/');
  const picture = page.getByTestId(`image-${sku}`);
  await picture.scrollIntoViewIfNeeded();
  await expect(picture).toHaveAttribute('src', image);
  await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(48);
  // Without an image: the placeholder, with the product's initial.
  await expect(page.getByTestId(`placeholder-${bare}`)).toHaveText('P');
});

test('the admin uploads an image from the edit form', async ({ page, api }, testInfo) => {
  const sku = await createProduct(api, uniqueSku('upload'), { name: 'Uploaded Lamp' });
  const file = testInfo.outputPath('lamp.png');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(file, png);
  await loginInBrowser(page);
  const dialog = await openEditDialog(page, sku);
  await expect(dialog.getByText('No image')).toBeVisible();
  await dialog.getByLabel('Image').setInputFiles(file);
  await expect(dialog.getByText('Image saved.')).toBeVisible();
  await expect(dialog.getByRole('img', { name: 'Current image' })).toBeVisible();
  const stored = (await (await api.get(`/api/products/${sku}`)).json()) as { image: string };
  expect(stored.image).toContain(`/api/products/${sku}/image?v=`);
});
