// A small supervisor for tests/process-tree.test.ts, built like `npm test` and `npm start`: it
// marks its tree, runs a step in a group of its own whose child starts a detached grandchild (as
// `npm start` starts nginx), and on SIGTERM or when its parent goes away sweeps what carries the
// mark. It prints the pids of everything it started as one JSON line, then waits.
import { markTree, onParentGone, runStep, sweep } from '../../scripts/lib/process-tree.mjs';

const mark = markTree('STOCKRUSH_FIXTURE_RUN');
const stop = async () => {
  await sweep(mark, { graceMs: 500 });
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
onParentGone(() => void stop(), 50);

// The step: a shell that starts a grandchild in a group of its own, then sleeps.
const script = `node -e "
  const c = require('child_process').spawn('sleep', ['600'], { detached: true, stdio: 'ignore' });
  console.log(c.pid);
  setInterval(() => {}, 1000);
"`;
let step;
void runStep('sh', ['-c', script], {
  stdio: ['ignore', 'pipe', 'inherit'],
  onChild: (child) => {
    if (!child) return;
    step = child;
    child.stdout.once('data', (data) => {
      console.log(JSON.stringify({ self: process.pid, step: step.pid, grandchild: Number(data) }));
    });
  },
});
setInterval(() => {}, 1000);
