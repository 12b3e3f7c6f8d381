import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router-dom';
import { adminApi, unwrap, unwrapPage } from '../api/client';
import { DataTable } from '../components/DataTable';
import { applyApiError, useCursorStack, useDebounced, usePageTitle } from '../components/forms';
import { ErrorList, Field, Loading, Pager, QueryError, SecretOnce, formatDate } from '../components/ui';
import { emailError } from '../lib/validation';

interface OnboardInput {
  company_name: string;
  contact_email: string;
  contact_name: string;
}

export function Tenants() {
  usePageTitle('Tenants');
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  // The API searches (GET /v1/tenants?q=: name or e-mail substring, id prefix), once typing pauses.
  const q = useDebounced(search.trim());
  const pages = useCursorStack(q);
  const tenants = useQuery({
    queryKey: ['tenants', q, pages.cursor],
    queryFn: () => unwrapPage(adminApi.GET('/v1/tenants', { params: { query: { limit: 100, cursor: pages.cursor, ...(q ? { q } : {}) } } })),
  });
  const setStatus = useMutation({
    mutationFn: ({ id, status }: { id: string; status: 'active' | 'suspended' }) => unwrap(adminApi.PATCH('/v1/tenants/{id}', { params: { path: { id } }, body: { status } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tenants'] }),
  });
  const rows = tenants.data?.rows ?? [];
  return (
    <>
      <h1>Tenants</h1>
      <Onboard />
      <section aria-labelledby="tenant-list">
        <h2 id="tenant-list">All tenants</h2>
        <div className="field inline">
          <label htmlFor="tenant-search">Search tenants</label>
          <input id="tenant-search" type="search" maxLength={100} value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Name, e-mail or id" />
        </div>
        <QueryError error={tenants.error ?? setStatus.error} />
        {tenants.isLoading ? (
          <Loading what="tenants" />
        ) : (
          <DataTable
            caption="Tenants"
            data={rows}
            columns={[
              { header: 'Company', cell: (t) => <Link to={`/t/${t.tenant_id}/overview`}>{t.company_name}</Link> },
              { header: 'Contact', cell: (t) => `${t.contact_name} <${t.contact_email}>` },
              { header: 'Status', cell: (t) => <span className={`badge ${t.status}`}>{t.status}</span> },
              { header: 'Created', cell: (t) => formatDate(t.created_at) },
              {
                header: 'Actions',
                cell: (t) => (
                  <span className="actions">
                    <Link to={`/tenants/${t.tenant_id}/keys`}>API keys<span className="sr-only"> of {t.company_name}</span></Link>
                    <button type="button" onClick={() => setStatus.mutate({ id: t.tenant_id, status: t.status === 'active' ? 'suspended' : 'active' })}>
                      {t.status === 'active' ? 'Suspend' : 'Resume'}
                      <span className="sr-only"> {t.company_name}</span>
                    </button>
                  </span>
                ),
              },
            ]}
          />
        )}
        <Pager hasPrevious={pages.hasPrevious} hasNext={Boolean(tenants.data?.next)} onPrevious={pages.previous} onNext={() => pages.next(tenants.data?.next ?? null)} />
      </section>
    </>
  );
}

function Onboard() {
  const queryClient = useQueryClient();
  const [messages, setMessages] = useState<string[]>([]);
  const form = useForm<OnboardInput>({ defaultValues: { company_name: '', contact_email: '', contact_name: '' } });
  const onboard = useMutation({
    mutationFn: (body: OnboardInput) => unwrap(adminApi.POST('/v1/onboard', { body })),
    onSuccess: () => {
      form.reset();
      void queryClient.invalidateQueries({ queryKey: ['tenants'] });
    },
    onError: (error) => setMessages(applyApiError(error, form.setError, ['company_name', 'contact_email', 'contact_name'])),
  });
  const { errors } = form.formState;
  return (
    <section aria-labelledby="onboard">
      <h2 id="onboard">Onboard a tenant</h2>
      <form
        noValidate
        className="grid-form"
        onSubmit={form.handleSubmit((values) => {
          setMessages([]);
          onboard.mutate(values);
        })}
      >
        <ErrorList messages={messages} />
        <Field label="Company name" error={errors.company_name?.message}>
          {(c) => <input {...c} {...form.register('company_name', { required: 'must not be empty' })} />}
        </Field>
        <Field label="Contact name" error={errors.contact_name?.message}>
          {(c) => <input {...c} {...form.register('contact_name', { required: 'must not be empty' })} />}
        </Field>
        <Field label="Contact e-mail" error={errors.contact_email?.message}>
          {(c) => <input {...c} type="email" {...form.register('contact_email', { validate: (v) => emailError(v) })} />}
        </Field>
        <button type="submit" className="primary" disabled={onboard.isPending}>
          Onboard tenant
        </button>
      </form>
      {onboard.data && (
        <div role="status">
          <p>
            Onboarded <Link to={`/t/${onboard.data.tenant_id}/overview`}>{onboard.data.company_name}</Link>.
          </p>
          <SecretOnce label="API key" value={onboard.data.api_key} />
        </div>
      )}
    </section>
  );
}
