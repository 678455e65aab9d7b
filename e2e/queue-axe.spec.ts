// axe with every rule on the waiting page in each of its states (joined before the start,
// waiting in line, your turn, sold out), light and dark; the fullest of them (in line) at phone
// width too. Each state is a test of its own with the slow budget (axe is CPU-heavy). The admin's
// waiting-room panel is checked with the rest of the admin page in axe.spec.ts.
import type { Page } from '@playwright/test';
import { axeFindings } from './axe';
import { expect, test } from './fixtures';
import {
  apiShopper,
  joinInPage,
  joinQueue,
  queuedProduct,
  setPaused,
  startIn,
} from './queue-support';

const PHONE = { width: 390, height: 844 };

async function laptopOnly(page: Page, what: string) {
  expect(await axeFindings(page), what).toEqual([]);
}

async function bothWidths(page: Page, what: string) {
  expect(await axeFindings(page), what).toEqual([]);
  await page.setViewportSize(PHONE);
  expect(await axeFindings(page), `${what} at phone width`).toEqual([]);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`axe finds nothing on the waiting room (${colorScheme})`, () => {
    test.use({ colorScheme });
    test.slow();

    test('joined before the start', async ({ page, api }) => {
      const { sku } = await queuedProduct(api, 'axe-q-early');
      await joinInPage(page, sku);
      await laptopOnly(page, 'waiting page before the start');
    });

    test('waiting in line', async ({ page, api, baseURL }) => {
      const { sku, fields } = await queuedProduct(api, 'axe-q-wait');
      await setPaused(api, sku, true);
      const ahead = await apiShopper(baseURL!);
      await joinQueue(ahead, sku);
      await startIn(api, sku, fields, 0);
      await joinInPage(page, sku, 'waiting');
      await expect(page.getByTestId('queue-seed-check')).toBeVisible();
      await bothWidths(page, 'waiting page in line');
      await ahead.dispose();
    });

    test('your turn, with a purchase', async ({ page, api }) => {
      const { sku, fields } = await queuedProduct(api, 'axe-q-turn', {}, { ratePerSecond: 10 });
      await startIn(api, sku, fields, 0);
      await joinInPage(page, sku, 'turn');
      await page.getByTestId(`buy-${sku}`).click();
      await expect(page.getByTestId(`result-${sku}`)).toHaveAttribute('data-outcome', 'purchased');
      await laptopOnly(page, 'waiting page in the turn');
    });

    test('sold out', async ({ page, api }) => {
      const { sku, fields } = await queuedProduct(
        api,
        'axe-q-sold',
        { stock: 1 },
        { ratePerSecond: 10 },
      );
      await startIn(api, sku, fields, 0);
      await joinInPage(page, sku, 'turn');
      await page.getByTestId(`buy-${sku}`).click();
      await expect(page.getByTestId('queue-state')).toHaveAttribute('data-state', 'sold_out');
      await laptopOnly(page, 'waiting page sold out');
    });
  });
}
