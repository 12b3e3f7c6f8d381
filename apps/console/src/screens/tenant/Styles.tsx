import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { tenantApi, unwrapPage } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { usePageTitle } from '../../components/forms';
import { Loading, QueryError, formatDate } from '../../components/ui';

export function Styles() {
  usePageTitle('Pass styles');
  const { tenantId = '' } = useParams();
  const styles = useQuery({ queryKey: ['styles', tenantId], queryFn: () => unwrapPage(tenantApi(tenantId).GET('/v1/pass-styles', { params: { query: { limit: 100 } } })) });
  return (
    <>
      <h1>Pass styles</h1>
      <p>
        <Link className="button primary" to={`/t/${tenantId}/styles/new`}>
          New style
        </Link>
      </p>
      <QueryError error={styles.error} />
      {styles.isLoading ? (
        <Loading what="styles" />
      ) : (
        <DataTable
          caption="Pass styles"
          data={styles.data?.rows ?? []}
          columns={[
            { header: 'Name', cell: (s) => <Link to={`/t/${tenantId}/styles/${s.id}`}>{s.name}</Link> },
            { header: 'Default', cell: (s) => (s.is_default ? 'yes' : 'no') },
            { header: 'Background', cell: (s) => <span><span className="swatch" style={{ background: s.brand_colors.background_color }} aria-hidden="true" /> {s.brand_colors.background_color}</span> },
            { header: 'Updated', cell: (s) => formatDate(s.updated_at) },
          ]}
        />
      )}
    </>
  );
}
