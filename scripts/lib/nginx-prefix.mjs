// Where nginx writes (its micro-cache, client-body and proxy temp files) and which user its workers
// run as, so the front works wherever the checkout lies and whoever starts it. Node built-ins only.
//
// Started as root, nginx's master stays root and its workers drop to an unprivileged user. Those
// workers must enter every folder above their cache and temp paths, and a checkout under /root or
// any `mktemp -d` (0700) does not let them: every cached read and static file then answers 500. So
// as root the prefix is a fresh folder of the worker user's own in the system's temporary folder,
// outside the private tree; the checkout's `.data` (Redis data, secrets) stays 0700. Started as a
// plain user, master and workers are that user, who owns `.data`: the prefix stays there.
import { execFileSync } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The account nginx's workers run as when the master is root: `nobody` and its primary group. */
export function workerAccount() {
  const field = (db, key, index) =>
    execFileSync('getent', [db, key], { encoding: 'utf8' }).trim().split(':')[index];
  const uid = Number(field('passwd', 'nobody', 2));
  const gid = Number(field('passwd', 'nobody', 3));
  return { user: 'nobody', group: field('group', String(gid), 0), uid, gid };
}

/** True when every folder from `path` up to `/` lets others pass (the x bit for others). */
export function passableByOthers(path) {
  for (let dir = path; ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (dir === dirname(dir)) return true;
  }
}

/**
 * A prefix for one nginx named `name`, created empty: `{ prefix, user, owner }`. `user` is the
 * config's `user` directive (empty unless root); `owner` is who the workers run as.
 */
export function nginxPrefix(name, { dataDir, uid = process.getuid?.() ?? 0 }) {
  if (uid !== 0) {
    const prefix = join(dataDir, name);
    rmSync(prefix, { recursive: true, force: true });
    mkdirSync(prefix, { recursive: true, mode: 0o700 });
    return { prefix, user: '', owner: 'this user' };
  }
  const worker = workerAccount();
  const base = passableByOthers(tmpdir()) ? tmpdir() : '/tmp';
  // mkdtemp: a new name nobody could have prepared (a symlink, say); 0700, then the worker's.
  const prefix = mkdtempSync(join(base, `stockrush-${name}-`));
  chownSync(prefix, worker.uid, worker.gid);
  return {
    prefix,
    user: `user ${worker.user} ${worker.group};`,
    owner: `${worker.user}:${worker.group}`,
  };
}
