import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { adminApi, unwrap } from '../api/client';
import { writeSession } from '../api/session';
import { ErrorList, Field } from '../components/ui';
import { applyApiError, usePageTitle } from '../components/forms';

interface Credentials {
  email: string;
  password: string;
  name?: string;
}

/** Only same-origin console paths: `next` comes from the URL and must not send the user away. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/tenants';
}

export function Login() {
  usePageTitle('Sign in');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [messages, setMessages] = useState<string[]>([]);
  const [firstRun, setFirstRun] = useState(false);
  const form = useForm<Credentials>({ defaultValues: { email: '', password: '', name: '' } });
  const login = useMutation({
    mutationFn: async (input: Credentials) => {
      if (firstRun) {
        const created = await unwrap(adminApi.POST('/v1/bootstrap/super-admin', { body: { email: input.email, password: input.password, name: input.name || input.email } }));
        return { access_token: created.access_token, expires_at: created.expires_at };
      }
      return unwrap(adminApi.POST('/v1/auth/login', { body: { email: input.email, password: input.password } }));
    },
    onSuccess: (result, input) => {
      writeSession({ token: result.access_token, expiresAt: result.expires_at, email: input.email });
      navigate(safeNext(params.get('next')), { replace: true });
    },
    onError: (error) => setMessages(applyApiError(error, form.setError, ['email', 'password', 'name'])),
  });
  const { errors } = form.formState;
  return (
    <main id="main" className="login">
      <h1>{firstRun ? 'Create the first admin' : 'Sign in to the WalletPass console'}</h1>
      {params.get('next') && !firstRun && <p className="muted">Your session ended. Sign in again to go back to where you were.</p>}
      <form
        noValidate
        onSubmit={form.handleSubmit((values) => {
          setMessages([]);
          login.mutate(values);
        })}
      >
        <ErrorList messages={messages} />
        {firstRun && (
          <Field label="Name" error={errors.name?.message}>
            {(c) => <input {...c} autoComplete="name" {...form.register('name')} />}
          </Field>
        )}
        <Field label="Admin e-mail" error={errors.email?.message}>
          {(c) => <input {...c} type="email" autoComplete="username" {...form.register('email', { required: 'must not be empty' })} />}
        </Field>
        <Field label="Password" error={errors.password?.message} hint={firstRun ? 'At least 12 characters.' : undefined}>
          {(c) => (
            <input
              {...c}
              type="password"
              autoComplete={firstRun ? 'new-password' : 'current-password'}
              {...form.register('password', { required: 'must not be empty' })}
            />
          )}
        </Field>
        <button type="submit" className="primary" disabled={login.isPending}>
          {firstRun ? 'Create admin and sign in' : 'Sign in'}
        </button>
      </form>
      <p>
        <button type="button" className="link" onClick={() => (setFirstRun(!firstRun), setMessages([]))}>
          {firstRun ? 'I already have an admin account' : 'First run? Create the super admin'}
        </button>
      </p>
    </main>
  );
}
