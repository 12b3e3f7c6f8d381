import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { tenantApi, unwrap, unwrapPage } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { applyApiError, useCursorStack, useDebounced, usePageTitle } from '../../components/forms';
import { ErrorList, Field, Loading, Pager, QueryError } from '../../components/ui';
import { ApiError } from '../../lib/api-errors';
import { emailError, phoneError } from '../../lib/validation';

interface RegisterForm {
  member_id: string;
  member_name: string;
  member_email: string;
  phone_number: string;
}

export function Members() {
  usePageTitle('Members');
  const { tenantId = '' } = useParams();
  const api = tenantApi(tenantId);
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [notFound, setNotFound] = useState('');
  // The API searches (GET /v1/members?q=: id prefix, name substring, exact e-mail), once typing pauses.
  const q = useDebounced(search.trim());
  const pages = useCursorStack(q);
  const members = useQuery({
    queryKey: ['members', tenantId, q, pages.cursor],
    queryFn: () => unwrapPage(api.GET('/v1/members', { params: { query: { limit: 50, cursor: pages.cursor, ...(q ? { q } : {}) } } })),
  });
  const rows = members.data?.rows ?? [];
  // "Find member" opens the member whose id is exactly the text typed.
  const lookup = async () => {
    setNotFound('');
    const id = search.trim();
    if (!id) return;
    try {
      await unwrap(api.GET('/v1/members/{member_id}', { params: { path: { member_id: id } } }));
      navigate(`/t/${tenantId}/members/${encodeURIComponent(id)}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) setNotFound(`No member with id ${id}; the list shows what the search matches.`);
    }
  };
  return (
    <>
      <h1>Members</h1>
      <Register tenantId={tenantId} />
      <section aria-labelledby="member-list">
        <h2 id="member-list">All members</h2>
        <form className="inline-form" role="search" onSubmit={(e) => (e.preventDefault(), void lookup())}>
          <div className="field">
            <label htmlFor="member-search">Search by id, name or e-mail</label>
            <input id="member-search" type="search" maxLength={100} value={search} onChange={(e) => (setSearch(e.target.value), setNotFound(''))} />
          </div>
          <button type="submit">Find member</button>
        </form>
        {notFound && <p role="status">{notFound}</p>}
        <QueryError error={members.error} />
        {members.isLoading ? (
          <Loading what="members" />
        ) : (
          <DataTable
            caption="Members"
            data={rows}
            columns={[
              { header: 'Member id', cell: (m) => <Link to={`/t/${tenantId}/members/${encodeURIComponent(m.member_id)}`}>{m.member_id}</Link> },
              { header: 'Name', cell: (m) => m.member_name ?? '—' },
              { header: 'E-mail', cell: (m) => m.member_email ?? '—' },
              { header: 'Points', cell: (m) => m.points },
              { header: 'Tier', cell: (m) => m.tier },
            ]}
          />
        )}
        <Pager hasPrevious={pages.hasPrevious} hasNext={Boolean(members.data?.next)} onPrevious={pages.previous} onNext={() => pages.next(members.data?.next ?? null)} />
      </section>
    </>
  );
}

function Register({ tenantId }: { tenantId: string }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [messages, setMessages] = useState<string[]>([]);
  const form = useForm<RegisterForm>({ defaultValues: { member_id: '', member_name: '', member_email: '', phone_number: '' } });
  const register = useMutation({
    mutationFn: (v: RegisterForm) =>
      unwrap(
        tenantApi(tenantId).POST('/v1/members/register', {
          body: {
            member_id: v.member_id,
            ...(v.member_name ? { member_name: v.member_name } : {}),
            ...(v.member_email ? { member_email: v.member_email } : {}),
            ...(v.phone_number ? { phone_number: v.phone_number } : {}),
          },
        }),
      ),
    onSuccess: (member) => {
      void queryClient.invalidateQueries({ queryKey: ['members', tenantId] });
      navigate(`/t/${tenantId}/members/${encodeURIComponent(member.member_id)}`);
    },
    onError: (error) => setMessages(applyApiError(error, form.setError, ['member_id', 'member_name', 'member_email', 'phone_number'])),
  });
  const { errors } = form.formState;
  return (
    <section aria-labelledby="register">
      <h2 id="register">Register a member</h2>
      <form noValidate className="grid-form" onSubmit={form.handleSubmit((v) => (setMessages([]), register.mutate(v)))}>
        <ErrorList messages={messages} />
        <Field label="Member id" error={errors.member_id?.message}>
          {(c) => <input {...c} {...form.register('member_id', { required: 'must not be empty' })} />}
        </Field>
        <Field label="Name" error={errors.member_name?.message}>
          {(c) => <input {...c} {...form.register('member_name')} />}
        </Field>
        <Field label="E-mail" error={errors.member_email?.message}>
          {(c) => <input {...c} type="email" {...form.register('member_email', { validate: (v) => (v ? emailError(v) : undefined) })} />}
        </Field>
        <Field label="Phone (E.164)" error={errors.phone_number?.message}>
          {(c) => <input {...c} type="tel" {...form.register('phone_number', { validate: (v) => (v ? phoneError(v) : undefined) })} />}
        </Field>
        <button type="submit" className="primary" disabled={register.isPending}>
          Register member
        </button>
      </form>
    </section>
  );
}
