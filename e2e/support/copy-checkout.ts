// A copy of this checkout where a new user would have cloned it: in a folder only its owner may
// enter (`mktemp -d`, 0700, as /root is), owned by whoever will start it. The copy is of the work
// tree as it is (tracked and new files, not ignored ones), so it tests what is here, committed or
// not. node_modules is linked file by file (cp -al: instant, and read-only to the copy: npm never
// runs there, since the lock file keeps its time), and the build is copied, marked newer than the
// sources, so the start neither installs nor builds.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  utimesSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// Playwright runs from the checkout's root (npm test, npm run e2e).
const root = process.cwd();

export type Checkout = { dir: string; remove: () => void };

/** Copies the checkout into `<mktemp -d>/stockrush`, owned by `owner` (default: this user). */
export function copyCheckout(owner?: { uid: number; gid: number }): Checkout {
  const parent = mkdtempSync(join(tmpdir(), 'stockrush-private-'));
  chmodSync(parent, 0o700);
  const dir = join(parent, 'stockrush');
  const files = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  )
    .split('\0')
    .filter((f) => f && existsSync(join(root, f)));
  for (const file of files) {
    const from = join(root, file);
    const to = join(dir, file);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
    const { atime, mtime, mode } = statSync(from);
    chmodSync(to, mode);
    utimesSync(to, atime, mtime);
  }
  execFileSync('cp', ['-al', join(root, 'node_modules'), join(dir, 'node_modules')]);
  execFileSync('cp', ['-a', join(root, '.next'), join(dir, '.next')]);
  const later = new Date(Date.now() + 1000);
  utimesSync(join(dir, '.next', 'BUILD_ID'), later, later);
  if (owner) {
    // Everything but node_modules, whose files are links to this checkout's (and readable).
    chownSync(parent, owner.uid, owner.gid);
    execFileSync('sh', [
      '-c',
      `find "$0" -path "$0/node_modules" -prune -o -exec chown -h ${owner.uid}:${owner.gid} {} +`,
      dir,
    ]);
  }
  return { dir, remove: () => rmSync(parent, { recursive: true, force: true }) };
}
