'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { queueSettingsBodySchema } from '@/lib/api-schemas';
import type { AdminQueue, QueueSettings } from '@/components/queue/types';
import { Field, inputClass, Notice } from './controls';
import { formatSpan } from './queue-format';

/** Settings a new waiting room starts with (the contract's defaults). */
export const QUEUE_DEFAULTS: Omit<QueueSettings, 'enabled'> = {
  opensBeforeSeconds: 600,
  ratePerSecond: 5,
  admitWindowSeconds: 300,
  powDifficulty: 0,
};

type Key = Exclude<keyof QueueSettings, 'enabled'>;
type Values = Record<Key, string>;

const FIELDS: { key: Key; label: string; hint: (v: number) => string; step: string }[] = [
  {
    key: 'opensBeforeSeconds',
    label: 'Opens before the start (s)',
    hint: (v) => `${formatSpan(v)} before the sale; joining early gives no advantage`,
    step: '1',
  },
  {
    key: 'ratePerSecond',
    label: 'Admissions per second',
    hint: (v) => `${Math.round(v * 60)} shoppers a minute`,
    step: 'any',
  },
  {
    key: 'admitWindowSeconds',
    label: 'Turn to buy (s)',
    hint: (v) => `each admitted shopper has ${formatSpan(v)}`,
    step: '1',
  },
  {
    key: 'powDifficulty',
    label: 'Proof of work (bits)',
    hint: (v) =>
      v === 0 ? 'off: joining costs nothing' : `about ${(2 ** v).toLocaleString('en-US')} hashes`,
    step: '1',
  },
];

/** The field's problem, checked with the route's own schema; null when it is fine. */
function check(key: Key, raw: string): string | null {
  if (raw.trim() === '') return 'Enter a value.';
  const parsed = queueSettingsBodySchema.shape[key].safeParse(Number(raw));
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Not a valid value.');
}

/**
 * The settings of a product's waiting room: when it opens, the rate, the turn to buy and the
 * proof of work. Saving switches it on (PUT …/queue with `enabled: true`).
 */
export function QueueSettingsForm({
  sku,
  current,
  onSave,
  onCancel,
}: {
  sku: string;
  current: AdminQueue | undefined;
  onSave: (settings: QueueSettings) => Promise<string | null>;
  onCancel: () => void;
}) {
  const start = current
    ? {
        opensBeforeSeconds: current.opensBeforeSeconds,
        ratePerSecond: current.status.ratePerSecond,
        admitWindowSeconds: current.status.admitWindowSeconds,
        powDifficulty: current.status.powDifficulty,
      }
    : QUEUE_DEFAULTS;
  const [values, setValues] = useState<Values>(() => ({
    opensBeforeSeconds: String(start.opensBeforeSeconds),
    ratePerSecond: String(start.ratePerSecond),
    admitWindowSeconds: String(start.admitWindowSeconds),
    powDifficulty: String(start.powDifficulty),
  }));
  const [errors, setErrors] = useState<Partial<Record<Key, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Partial<Record<Key, string>> = {};
    for (const { key } of FIELDS) {
      const problem = check(key, values[key]);
      if (problem) found[key] = problem;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setPending(true);
    const problem = await onSave({
      enabled: true,
      opensBeforeSeconds: Number(values.opensBeforeSeconds),
      ratePerSecond: Number(values.ratePerSecond),
      admitWindowSeconds: Number(values.admitWindowSeconds),
      powDifficulty: Number(values.powDifficulty),
    });
    setPending(false);
    setFailure(problem);
  }

  return (
    <form onSubmit={submit} noValidate data-testid={`queue-settings-${sku}`}>
      <div className="grid gap-4 sm:grid-cols-2">
        {FIELDS.map(({ key, label, hint, step }) => {
          const id = `queue-${key}-${sku}`;
          const value = Number(values[key]);
          return (
            <Field
              key={key}
              id={id}
              label={label}
              error={errors[key]}
              hint={Number.isFinite(value) && check(key, values[key]) === null ? hint(value) : ' '}
            >
              {(describedBy) => (
                <input
                  id={id}
                  name={key}
                  type="number"
                  inputMode="decimal"
                  step={step}
                  value={values[key]}
                  aria-invalid={errors[key] ? true : undefined}
                  aria-describedby={describedBy}
                  onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))}
                  className={inputClass(Boolean(errors[key]), 'w-full tabular-nums')}
                />
              )}
            </Field>
          );
        })}
      </div>
      {failure ? (
        <Notice tone="error" className="mt-4">
          {failure}
        </Notice>
      ) : null}
      <div className="mt-6 flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : current?.enabled ? 'Save settings' : 'Switch on'}
        </Button>
      </div>
    </form>
  );
}
