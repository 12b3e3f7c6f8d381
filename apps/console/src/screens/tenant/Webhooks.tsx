import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useParams } from 'react-router-dom';
import { tenantApi, unwrap, unwrapPage } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { applyApiError, usePageTitle } from '../../components/forms';
import { ErrorList, Field, Loading, QueryError, SecretOnce, formatDate } from '../../components/ui';
import { httpsUrlError } from '../../lib/validation';

interface WebhookForm {
  url: string;
  events: string;
  description: string;
}

export function Webhooks() {
  usePageTitle('Webhooks');
  const { tenantId = '' } = useParams();
  const api = tenantApi(tenantId);
  const queryClient = useQueryClient();
  const [messages, setMessages] = useState<string[]>([]);
  const form = useForm<WebhookForm>({ defaultValues: { url: '', events: '*', description: '' } });
  const hooks = useQuery({ queryKey: ['webhooks', tenantId], queryFn: () => unwrapPage(api.GET('/v1/webhooks', { params: { query: { limit: 100 } } })) });
  const create = useMutation({
    mutationFn: (v: WebhookForm) =>
      unwrap(
        api.POST('/v1/webhooks', {
          body: {
            url: v.url,
            events: v.events
              .split(/[\s,]+/)
              .map((e) => e.trim())
              .filter(Boolean),
            ...(v.description ? { description: v.description } : {}),
          },
        }),
      ),
    onSuccess: () => (form.reset(), queryClient.invalidateQueries({ queryKey: ['webhooks', tenantId] })),
    onError: (error) => setMessages(applyApiError(error, form.setError, ['url', 'events', 'description'])),
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/v1/webhooks/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhooks', tenantId] }),
  });
  const { errors } = form.formState;
  return (
    <>
      <h1>Webhooks</h1>
      <form noValidate className="grid-form" onSubmit={form.handleSubmit((v) => (setMessages([]), create.mutate(v)))}>
        <h2>Add a webhook</h2>
        <ErrorList messages={messages} />
        <Field label="Endpoint URL" error={errors.url?.message}>
          {(c) => <input {...c} type="url" {...form.register('url', { validate: (v) => httpsUrlError(v) })} />}
        </Field>
        <Field label="Events" hint="Comma-separated: member.points_changed, pass.*, or * for all" error={errors.events?.message}>
          {(c) => <input {...c} {...form.register('events', { required: 'name at least one event' })} />}
        </Field>
        <Field label="Description" error={errors.description?.message}>
          {(c) => <input {...c} {...form.register('description')} />}
        </Field>
        <button type="submit" className="primary" disabled={create.isPending}>
          Add webhook
        </button>
      </form>
      {create.data && <SecretOnce label="Signing secret" value={create.data.secret} />}
      <QueryError error={hooks.error ?? remove.error} />
      {hooks.isLoading ? (
        <Loading what="webhooks" />
      ) : (
        <DataTable
          caption="Webhooks"
          data={hooks.data?.rows ?? []}
          columns={[
            { header: 'URL', cell: (h) => <Link to={`/t/${tenantId}/webhooks/${h.id}`}>{h.url}</Link> },
            { header: 'Events', cell: (h) => h.events.join(', ') },
            { header: 'Status', cell: (h) => `${h.status}${h.disabled_reason ? ` (${h.disabled_reason})` : ''}` },
            { header: 'Created', cell: (h) => formatDate(h.created_at) },
            {
              header: 'Actions',
              cell: (h) => (
                <button type="button" className="danger" onClick={() => remove.mutate(h.id)}>
                  Delete<span className="sr-only"> webhook {h.url}</span>
                </button>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
