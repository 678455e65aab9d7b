'use client';

import { useState, type FormEvent } from 'react';
import { callApi } from '@/components/ui/api-client';
import { useReload } from './use-admin-api';
import { Field, Notice, inputClass } from './controls';
import { useNow } from '@/components/ui/use-now';
import { Button } from '@/components/ui/button';
import { useHydrated } from '@/components/ui/use-hydrated';

type Failure = { kind: 'wrong' | 'other'; message: string } | { kind: 'limited'; until: number };

/** The admin password form: 204 → /admin; 401 and 429 explained inline. */
export function LoginForm() {
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const now = useNow(true);
  const reload = useReload();
  // Before hydration a submit would be the browser's own GET, with the password in the URL.
  const hydrated = useHydrated();
  const waitS =
    failure?.kind === 'limited' ? Math.max(0, Math.ceil((failure.until - now) / 1000)) : 0;
  const locked = waitS > 0;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (password === '') {
      setFailure({ kind: 'other', message: 'Enter the admin password.' });
      return;
    }
    setPending(true);
    const result = await callApi<undefined>('/api/admin/login', {
      method: 'POST',
      body: { password },
    });
    if (result.ok) {
      reload('/admin');
      return;
    }
    setPending(false);
    const { error } = result;
    if (error.status === 401) {
      setFailure({ kind: 'wrong', message: 'Wrong password. Check it and try again.' });
    } else if (error.status === 429) {
      setFailure({ kind: 'limited', until: Date.now() + (error.retryAfterMs ?? 60_000) });
    } else {
      setFailure({ kind: 'other', message: error.message });
    }
  }

  const fieldError = failure?.kind === 'wrong' ? failure.message : undefined;

  return (
    <form method="post" onSubmit={submit} noValidate className="space-y-5">
      <Field id="admin-password" label="Password" error={fieldError}>
        {(describedBy) => (
          <input
            id="admin-password"
            data-testid="password"
            type="password"
            name="password"
            autoComplete="current-password"
            autoFocus
            required
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              if (failure?.kind !== 'limited') setFailure(null);
            }}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={describedBy}
            className={inputClass(fieldError !== undefined, 'w-full')}
          />
        )}
      </Field>
      {failure?.kind === 'limited' && locked ? (
        <Notice tone="error">
          Too many attempts. Try again in{' '}
          <span className="font-semibold tabular-nums">{waitS} s</span>.
        </Notice>
      ) : null}
      {failure?.kind === 'other' ? <Notice tone="error">{failure.message}</Notice> : null}
      <Button
        type="submit"
        variant="primary"
        data-testid="login-submit"
        disabled={!hydrated || pending || locked}
        className="w-full"
      >
        {pending ? 'Logging in…' : 'Log in'}
      </Button>
    </form>
  );
}
