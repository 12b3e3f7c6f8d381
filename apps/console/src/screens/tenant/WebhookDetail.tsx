import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { tenantApi, unwrap, unwrapPage } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { useCursorStack, usePageTitle } from '../../components/forms';
import { Loading, Pager, QueryError, formatDate } from '../../components/ui';

export function WebhookDetail() {
  usePageTitle('Webhook deliveries');
  const { tenantId = '', webhookId = '' } = useParams();
  const api = tenantApi(tenantId);
  const pages = useCursorStack();
  const hook = useQuery({ queryKey: ['webhook', tenantId, webhookId], queryFn: () => unwrap(api.GET('/v1/webhooks/{id}', { params: { path: { id: webhookId } } })) });
  const deliveries = useQuery({
    queryKey: ['deliveries', tenantId, webhookId, pages.cursor],
    queryFn: () => unwrapPage(api.GET('/v1/webhooks/{id}/deliveries', { params: { path: { id: webhookId }, query: { limit: 50, cursor: pages.cursor } } })),
    // Deliveries arrive on their own; the log keeps itself current while it is open.
    refetchInterval: 3000,
  });
  return (
    <>
      <p>
        <Link to={`/t/${tenantId}/webhooks`}>← Webhooks</Link>
      </p>
      <h1>Deliveries to {hook.data?.url ?? 'webhook'}</h1>
      <QueryError error={hook.error ?? deliveries.error} />
      {deliveries.isLoading ? (
        <Loading what="deliveries" />
      ) : (
        <DataTable
          caption="Delivery attempts, newest first"
          data={deliveries.data?.rows ?? []}
          empty="No deliveries yet."
          columns={[
            { header: 'When', cell: (d) => formatDate(d.created_at) },
            { header: 'Event', cell: (d) => d.event_type },
            { header: 'Attempt', cell: (d) => d.attempt },
            { header: 'Status code', cell: (d) => d.status_code ?? '—' },
            { header: 'Result', cell: (d) => (d.success ? 'delivered' : `failed${d.error ? `: ${d.error}` : ''}`) },
          ]}
        />
      )}
      <Pager hasPrevious={pages.hasPrevious} hasNext={Boolean(deliveries.data?.next)} onPrevious={pages.previous} onNext={() => pages.next(deliveries.data?.next ?? null)} />
    </>
  );
}
