import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from './fixtures';

/** The storefront's first-load JavaScript budget, gzip (set by the issue that asked for it). */
const BUDGET_KIB = 150;

/** The build the server under test runs from. */
const STATIC_DIR = join(process.cwd(), '.next');

type Script = { src: string; noModule: boolean };

/** Every `<script src>` of the HTML `/` sends, with its `nomodule` flag. */
function scriptsOf(html: string): Script[] {
  return [...html.matchAll(/<script\b([^>]*)>/g)].flatMap(([, attrs = '']) => {
    const src = /\bsrc="([^"]+)"/.exec(attrs)?.[1];
    return src ? [{ src, noModule: /\bnomodule\b/i.test(attrs) }] : [];
  });
}

const gzipKiB = (src: string) =>
  gzipSync(readFileSync(join(STATIC_DIR, src.replace(/^\/_next\//, '')))).length / 1024;

test(`the storefront's first-load JavaScript stays within ${BUDGET_KIB} KiB gzip`, async ({
  page,
  request,
}) => {
  const html = await (await request.get('/')).text();
  const scripts = scriptsOf(html);
  const modules = scripts.filter((s) => !s.noModule);
  const polyfills = scripts.filter((s) => s.noModule);
  const sizes = modules.map((s) => ({ src: s.src, kib: gzipKiB(s.src) }));
  const total = sizes.reduce((sum, s) => sum + s.kib, 0);
  const polyfillKiB = polyfills.reduce((sum, s) => sum + gzipKiB(s.src), 0);
  console.log(
    `first-load JS of /: ${total.toFixed(1)} KiB gzip in ${modules.length} scripts` +
      ` (+ ${polyfills.length} nomodule polyfill, ${polyfillKiB.toFixed(1)} KiB, never fetched by a module browser)\n` +
      sizes.map((s) => `  ${s.kib.toFixed(1).padStart(6)} KiB  ${s.src}`).join('\n'),
  );

  // What the HTML lists is what the browser loads: the nomodule polyfills are not fetched.
  const fetched: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') fetched.push(new URL(r.url()).pathname);
  });
  await page.goto('/');
  await page.waitForLoadState('load');
  for (const s of modules) expect(fetched).toContain(s.src);
  for (const s of polyfills) expect(fetched).not.toContain(s.src);

  expect(total).toBeLessThanOrEqual(BUDGET_KIB);
});
