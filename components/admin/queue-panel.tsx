'use client';

import { useState, type FormEvent } from 'react';
import useSWR from 'swr';
import type { Product } from '@/lib/api-types';
import { formatCount, formatDateTime } from '@/lib/format';
import { fetchJson, type HttpError } from '@/components/ui/api-client';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Panel } from '@/components/ui/panel';
import { dedupingFor, POLL_MS } from '@/components/ui/poll-interval';
import {
  isQueued,
  type AdminQueue,
  type QueueSettings,
  type QueueState,
} from '@/components/queue/types';
import { queueSettingsBodySchema } from '@/lib/api-schemas';
import { inputClass, Notice } from './controls';
import { Modal } from './modal';
import { formatSpan } from './queue-format';
import { QueueSettingsForm } from './queue-settings-form';
import { useAdminApi } from './use-admin-api';

const queuePath = (sku: string) => `/api/admin/products/${encodeURIComponent(sku)}/queue`;

const STATE_TONES: Record<QueueState, BadgeTone> = {
  off: 'neutral',
  not_open: 'accent',
  open: 'accent',
  admitting: 'success',
  paused: 'warning',
  sold_out: 'neutral',
  ended: 'neutral',
};
const STATE_WORDS: Record<QueueState, string> = {
  off: 'off',
  not_open: 'not open yet',
  open: 'open · pre-queue',
  admitting: 'admitting',
  paused: 'paused',
  sold_out: 'sold out · stopped',
  ended: 'ended',
};

/** The settings at a glance: "opens 10 min before · 5 min to buy · no proof of work". */
function settingsLine(queue: AdminQueue): string {
  const opens = formatSpan(queue.opensBeforeSeconds);
  const turn = formatSpan(queue.status.admitWindowSeconds);
  const bits = queue.status.powDifficulty;
  return `opens ${opens} before · ${turn} to buy · ${bits === 0 ? 'no proof of work' : `proof of work ${bits} bits`}`;
}

/** A product's waiting room as the admin sees it, polled every POLL_MS while it is shown. */
function useAdminQueue(sku: string) {
  return useSWR<AdminQueue, HttpError>(queuePath(sku), fetchJson, {
    refreshInterval: POLL_MS,
    dedupingInterval: dedupingFor(POLL_MS),
    keepPreviousData: true,
  });
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="rounded-lg bg-zinc-50 px-3 py-2 dark:bg-zinc-950/60">
      <dt className="text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
        {label}
      </dt>
      <dd data-testid={testId} className="mt-0.5 text-lg font-semibold tabular-nums">
        {value}
      </dd>
    </div>
  );
}

const MONO = 'font-mono text-xs break-all text-zinc-700 dark:text-zinc-300';

/** The seed's hash (public since the switch on) and, after the start, the seed it commits to. */
function Seed({ queue }: { queue: AdminQueue }) {
  const { seedHash, seed } = queue.status;
  return (
    <dl className="grid min-w-0 gap-x-4 gap-y-1 text-sm sm:grid-cols-[6rem_1fr]">
      <dt className="text-zinc-600 dark:text-zinc-400">Seed hash</dt>
      <dd data-testid={`queue-admin-hash-${queue.status.sku}`} className={MONO}>
        {seedHash ?? '—'}
      </dd>
      <dt className="text-zinc-600 dark:text-zinc-400">Seed</dt>
      <dd data-testid={`queue-admin-seed-${queue.status.sku}`} className={MONO}>
        {seed ? (
          <>
            {seed}
            {queue.revealedAt ? (
              <span className="ml-2 font-sans text-zinc-500 dark:text-zinc-400">
                revealed {formatDateTime(queue.revealedAt)} · {formatCount(queue.preCount)} shuffled
              </span>
            ) : null}
          </>
        ) : (
          <span className="font-sans text-zinc-500 dark:text-zinc-400">
            secret until the start ({formatCount(queue.preCount)} in the pre-queue)
          </span>
        )}
      </dd>
    </dl>
  );
}

/** The live figures and controls of one product's waiting room. */
function QueueCard({ product, onFlash }: { product: Product; onFlash: (text: string) => void }) {
  const { sku } = product;
  const { data: queue, error, mutate } = useAdminQueue(sku);
  const callAdminApi = useAdminApi();
  const [rate, setRate] = useState('');
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);

  async function send(path: string, body?: QueueSettings): Promise<string | null> {
    setPending(true);
    const result = await callAdminApi<AdminQueue>(path, {
      method: body ? 'PUT' : 'POST',
      ...(body ? { body } : {}),
    });
    setPending(false);
    if (!result.ok) return result.error.issues[0]?.message ?? result.error.message;
    void mutate(result.data, { revalidate: false });
    return null;
  }

  const settingsOf = (q: AdminQueue, over: Partial<QueueSettings>): QueueSettings => ({
    enabled: q.enabled,
    opensBeforeSeconds: q.opensBeforeSeconds,
    ratePerSecond: q.status.ratePerSecond,
    admitWindowSeconds: q.status.admitWindowSeconds,
    powDifficulty: q.status.powDifficulty,
    ...over,
  });

  async function changeRate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!queue) return;
    const value = Number(rate);
    const parsed = queueSettingsBodySchema.shape.ratePerSecond.safeParse(value);
    if (rate.trim() === '' || !parsed.success) {
      setFailure(parsed.error?.issues[0]?.message ?? 'Enter a rate.');
      return;
    }
    const problem = await send(queuePath(sku), settingsOf(queue, { ratePerSecond: value }));
    setFailure(problem);
    if (!problem) {
      setRate('');
      onFlash(`${sku}: admitting ${value} per second from now.`);
    }
  }

  async function togglePause() {
    if (!queue) return;
    setFailure(await send(`${queuePath(sku)}/${queue.paused ? 'resume' : 'pause'}`));
  }

  async function switchOff() {
    if (!queue) return;
    const problem = await send(queuePath(sku), settingsOf(queue, { enabled: false }));
    setFailure(problem);
    if (!problem) onFlash(`${sku} sells first-come again.`);
  }

  const state = queue?.status.state ?? 'off';
  const rateId = `queue-rate-${sku}`;
  return (
    <li data-testid={`queue-admin-${sku}`} data-state={state} className="space-y-4 px-5 py-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <h3 className="truncate font-medium" title={product.name}>
              {product.name}
            </h3>
            <Badge tone={STATE_TONES[state]} dot={state === 'admitting' ? 'pulse' : true}>
              {STATE_WORDS[state]}
            </Badge>
          </div>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            <span className="font-mono">{sku}</span>
            {queue ? <> · {settingsLine(queue)}</> : null}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Button
            variant="secondary"
            size="sm"
            disabled={!queue || pending}
            onClick={() => void togglePause()}
          >
            {queue?.paused ? 'Resume' : 'Pause'}
            <span className="sr-only"> admission to {product.name}</span>
          </Button>
          <Button variant="secondary" size="sm" disabled={!queue} onClick={() => setEditing(true)}>
            Settings…<span className="sr-only"> of the waiting room of {product.name}</span>
          </Button>
          <Button
            variant="ghost"
            size="sm"
            disabled={!queue || pending}
            onClick={() => void switchOff()}
          >
            Switch off<span className="sr-only"> the waiting room of {product.name}</span>
          </Button>
        </div>
      </div>
      {error && !queue ? (
        <Notice tone="error">Could not read this waiting room: {error.message}</Notice>
      ) : null}
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        <Figure
          label="Waiting"
          value={queue ? formatCount(queue.waiting) : '—'}
          testId={`queue-waiting-${sku}`}
        />
        <Figure
          label="Admitted"
          value={queue ? formatCount(queue.admitted) : '—'}
          testId={`queue-admitted-${sku}`}
        />
        <Figure
          label="Active now"
          value={queue ? formatCount(queue.active) : '—'}
          testId={`queue-active-${sku}`}
        />
        <Figure
          label="Rate"
          value={queue ? `${formatCount(queue.status.ratePerSecond)} / s` : '—'}
          testId={`queue-rate-value-${sku}`}
        />
      </dl>
      <div className="grid gap-4 lg:grid-cols-[18rem_1fr] lg:gap-8">
        <form onSubmit={changeRate} noValidate className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor={rateId} className="mb-1 block text-sm font-medium">
              New rate{' '}
              <span className="font-normal text-zinc-500 dark:text-zinc-400">(per second)</span>
            </label>
            <input
              id={rateId}
              type="number"
              inputMode="decimal"
              min="0.001"
              step="any"
              placeholder={queue ? String(queue.status.ratePerSecond) : ''}
              value={rate}
              onChange={(e) => setRate(e.target.value)}
              className={inputClass(false, 'w-28 tabular-nums', 'sm')}
            />
          </div>
          <Button type="submit" variant="secondary" size="sm" disabled={!queue || pending}>
            Change rate
          </Button>
          <p className="basis-full text-xs text-zinc-500 dark:text-zinc-400">
            Takes effect now, from the count reached: nobody is skipped or let in twice.
          </p>
        </form>
        {queue ? <Seed queue={queue} /> : null}
      </div>
      {failure ? (
        <Notice tone="error" onDismiss={() => setFailure(null)}>
          {failure}
        </Notice>
      ) : null}
      <Modal
        open={editing}
        onClose={() => setEditing(false)}
        title={`Waiting room of ${product.name}`}
        description="When it opens, how fast shoppers are let in, how long each has to buy, and the proof of work that slows bots."
      >
        <QueueSettingsForm
          sku={sku}
          current={queue}
          onCancel={() => setEditing(false)}
          onSave={async (settings) => {
            const problem = await send(queuePath(sku), settings);
            if (!problem) {
              setEditing(false);
              onFlash(`Saved the waiting room of ${sku}.`);
            }
            return problem;
          }}
        />
      </Modal>
    </li>
  );
}

/** Switching a waiting room on for a product that has none: pick it, then its settings. */
function SwitchOn({
  products,
  onFlash,
}: {
  products: Product[];
  /** Says what was done; the catalogue is read again. */
  onFlash: (text: string) => void;
}) {
  const [sku, setSku] = useState('');
  const [open, setOpen] = useState(false);
  const callAdminApi = useAdminApi();
  const chosen = products.find((p) => p.sku === sku) ?? products[0];
  if (!chosen) return null;
  return (
    <div className="flex flex-wrap items-end gap-2 border-t border-zinc-100 px-5 py-4 dark:border-zinc-800">
      <div className="min-w-0">
        <label htmlFor="queue-add" className="mb-1 block text-sm font-medium">
          Add a waiting room to
        </label>
        <select
          id="queue-add"
          value={chosen.sku}
          onChange={(e) => setSku(e.target.value)}
          className={inputClass(false, 'max-w-64 truncate pr-8', 'sm')}
        >
          {products.map((p) => (
            <option key={p.sku} value={p.sku}>
              {p.name} ({p.sku})
            </option>
          ))}
        </select>
      </div>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)}>
        Set up…
      </Button>
      <Modal
        open={open}
        onClose={() => setOpen(false)}
        title={`Waiting room for ${chosen.name}`}
        description="Shoppers join ahead of the start, are shuffled fairly at the start, and are let in at the rate you set. Its seed's hash is published as soon as you switch it on."
      >
        <QueueSettingsForm
          sku={chosen.sku}
          current={undefined}
          onCancel={() => setOpen(false)}
          onSave={async (settings) => {
            const result = await callAdminApi(queuePath(chosen.sku), {
              method: 'PUT',
              body: settings,
            });
            if (!result.ok) return result.error.issues[0]?.message ?? result.error.message;
            setOpen(false);
            onFlash(`${chosen.sku} now sells through a waiting room.`);
            return null;
          }}
        />
      </Modal>
    </div>
  );
}

/**
 * The admin's waiting rooms: for each product sold through one, who waits, who was let in, who
 * is in their turn, the rate, pause/resume, a rate change, settings, and the seed's hash and its
 * reveal; below, switching one on for another product.
 */
export function QueuePanel({
  products,
  onChanged,
}: {
  products: Product[] | undefined;
  /** A waiting room was switched on or off: the catalogue changed. */
  onChanged: () => void;
}) {
  const [flash, setFlash] = useState<string | null>(null);
  const queued = products?.filter(isQueued) ?? [];
  const others = products?.filter((p) => !isQueued(p) && p.status !== 'ended') ?? [];
  const onFlash = (text: string) => {
    setFlash(text);
    onChanged();
  };
  return (
    <Panel
      title="Waiting rooms"
      headingId="queues-heading"
      description="A fair line in front of a sale: shuffled at the start, then first-come; shoppers are let in at a set rate."
      testId="queue-panel"
    >
      {flash ? (
        <div className="px-5 pt-4">
          <Notice tone="success" onDismiss={() => setFlash(null)}>
            {flash}
          </Notice>
        </div>
      ) : null}
      {queued.length > 0 ? (
        <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {queued.map((p) => (
            <QueueCard key={p.sku} product={p} onFlash={onFlash} />
          ))}
        </ul>
      ) : (
        <p className="px-5 py-6 text-sm text-zinc-600 dark:text-zinc-400">
          {products
            ? 'No product sells through a waiting room: every sale is first-come.'
            : 'Loading…'}
        </p>
      )}
      <SwitchOn products={others} onFlash={onFlash} />
    </Panel>
  );
}
