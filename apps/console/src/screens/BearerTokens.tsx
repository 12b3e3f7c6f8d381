import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { adminApi, unwrap, unwrapPage } from '../api/client';
import { DataTable } from '../components/DataTable';
import { applyApiError, usePageTitle } from '../components/forms';
import { ErrorList, Field, Loading, QueryError, SecretOnce, formatDate } from '../components/ui';

export function BearerTokens() {
  usePageTitle('Bearer tokens');
  const queryClient = useQueryClient();
  const [messages, setMessages] = useState<string[]>([]);
  const form = useForm<{ name: string; expires_at: string }>({ defaultValues: { name: '', expires_at: '' } });
  const tokens = useQuery({ queryKey: ['bearer-tokens'], queryFn: () => unwrapPage(adminApi.GET('/v1/bearer-tokens', { params: { query: { limit: 100 } } })) });
  const create = useMutation({
    mutationFn: (input: { name: string; expires_at: string }) =>
      unwrap(adminApi.POST('/v1/bearer-tokens', { body: { name: input.name, ...(input.expires_at ? { expires_at: new Date(input.expires_at).toISOString() } : {}) } })),
    onSuccess: () => (form.reset(), queryClient.invalidateQueries({ queryKey: ['bearer-tokens'] })),
    onError: (error) => setMessages(applyApiError(error, form.setError, ['name', 'expires_at'])),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => unwrap(adminApi.DELETE('/v1/bearer-tokens/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['bearer-tokens'] }),
  });
  const { errors } = form.formState;
  return (
    <>
      <h1>Bearer tokens</h1>
      <p className="muted">Tokens for onboarding scripts and for operators acting on a tenant (X-Tenant-Id). Every change made with one is in the audit log.</p>
      <form noValidate className="grid-form" onSubmit={form.handleSubmit((v) => (setMessages([]), create.mutate(v)))}>
        <ErrorList messages={messages} />
        <Field label="Token name" error={errors.name?.message}>
          {(c) => <input {...c} {...form.register('name', { required: 'must not be empty' })} />}
        </Field>
        <Field label="Expires at (optional)" error={errors.expires_at?.message}>
          {(c) => <input {...c} type="datetime-local" {...form.register('expires_at')} />}
        </Field>
        <button type="submit" className="primary">
          Create bearer token
        </button>
      </form>
      {create.data && <SecretOnce label="Bearer token" value={create.data.token} />}
      <QueryError error={tokens.error ?? revoke.error} />
      {tokens.isLoading ? (
        <Loading what="tokens" />
      ) : (
        <DataTable
          caption="Bearer tokens"
          data={tokens.data?.rows ?? []}
          columns={[
            { header: 'Name', cell: (t) => t.name },
            { header: 'Prefix', cell: (t) => <code>{t.prefix}…</code> },
            { header: 'Expires', cell: (t) => formatDate(t.expires_at) },
            { header: 'Last used', cell: (t) => formatDate(t.last_used_at) },
            {
              header: 'Status',
              cell: (t) =>
                t.revoked_at ? (
                  `revoked ${formatDate(t.revoked_at)}`
                ) : (
                  <button type="button" onClick={() => revoke.mutate(t.id)}>
                    Revoke<span className="sr-only"> token {t.name}</span>
                  </button>
                ),
            },
          ]}
        />
      )}
    </>
  );
}
