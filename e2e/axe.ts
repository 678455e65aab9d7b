import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** Every axe finding on the page, whatever its impact, best practices included, as "rule: target". */
export async function axeFindings(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}
