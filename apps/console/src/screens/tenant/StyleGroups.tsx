import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useParams } from 'react-router-dom';
import { tenantApi, unwrap, unwrapPage } from '../../api/client';
import { DataTable } from '../../components/DataTable';
import { applyApiError, usePageTitle } from '../../components/forms';
import { ErrorList, Field, Loading, QueryError } from '../../components/ui';

interface GroupForm {
  name: string;
  rules: Array<{ pass_style_id: string; min_points: number; max_points: number }>;
}

export function StyleGroups() {
  usePageTitle('Style groups');
  const { tenantId = '' } = useParams();
  const api = tenantApi(tenantId);
  const queryClient = useQueryClient();
  const [messages, setMessages] = useState<string[]>([]);
  const groups = useQuery({ queryKey: ['style-groups', tenantId], queryFn: () => unwrapPage(api.GET('/v1/style-groups', { params: { query: { limit: 100 } } })) });
  const styles = useQuery({ queryKey: ['styles', tenantId], queryFn: () => unwrapPage(api.GET('/v1/pass-styles', { params: { query: { limit: 100 } } })) });
  const form = useForm<GroupForm>({ defaultValues: { name: '', rules: [{ pass_style_id: '', min_points: 0, max_points: 0 }] } });
  const rules = useFieldArray({ control: form.control, name: 'rules' });
  const create = useMutation({
    mutationFn: (v: GroupForm) => unwrap(api.POST('/v1/style-groups', { body: v })),
    onSuccess: () => (form.reset(), queryClient.invalidateQueries({ queryKey: ['style-groups', tenantId] })),
    onError: (error) =>
      setMessages(applyApiError(error, form.setError, ['name', ...form.getValues('rules').flatMap((_, i) => ['pass_style_id', 'min_points', 'max_points'].map((f) => `rules.${i}.${f}`))])),
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/v1/style-groups/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['style-groups', tenantId] }),
  });
  const styleName = (id: string) => styles.data?.rows.find((s) => s.id === id)?.name ?? id.slice(0, 8);
  const { errors } = form.formState;
  return (
    <>
      <h1>Style groups</h1>
      <p className="muted">A group picks a member's pass style by their points.</p>
      <form noValidate onSubmit={form.handleSubmit((v) => (setMessages([]), create.mutate(v)))}>
        <h2>New style group</h2>
        <ErrorList messages={messages} />
        <Field label="Group name" error={errors.name?.message}>
          {(c) => <input {...c} {...form.register('name', { required: 'must not be empty' })} />}
        </Field>
        {rules.fields.map((rule, i) => (
          <fieldset key={rule.id} className="field-row">
            <legend>Rule {i + 1}</legend>
            <Field label="Style" error={errors.rules?.[i]?.pass_style_id?.message}>
              {(c) => (
                <select {...c} {...form.register(`rules.${i}.pass_style_id`, { required: 'choose a style' })}>
                  <option value="">Choose…</option>
                  {(styles.data?.rows ?? []).map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="From points" error={errors.rules?.[i]?.min_points?.message}>
              {(c) => <input {...c} type="number" min={0} {...form.register(`rules.${i}.min_points`, { valueAsNumber: true })} />}
            </Field>
            <Field label="To points" hint="0 = no upper bound" error={errors.rules?.[i]?.max_points?.message}>
              {(c) => <input {...c} type="number" min={0} {...form.register(`rules.${i}.max_points`, { valueAsNumber: true })} />}
            </Field>
            <button type="button" onClick={() => rules.remove(i)}>
              Remove rule {i + 1}
            </button>
          </fieldset>
        ))}
        <div className="actions">
          <button type="button" onClick={() => rules.append({ pass_style_id: '', min_points: 0, max_points: 0 })}>
            Add rule
          </button>
          <button type="submit" className="primary">
            Create style group
          </button>
        </div>
      </form>
      <QueryError error={groups.error ?? remove.error} />
      {groups.isLoading ? (
        <Loading what="style groups" />
      ) : (
        <DataTable
          caption="Style groups"
          data={groups.data?.rows ?? []}
          columns={[
            { header: 'Name', cell: (g) => g.name },
            { header: 'Rules', cell: (g) => g.rules.map((r) => `${styleName(r.pass_style_id)}: ${r.min_points}–${r.max_points || '∞'}`).join('; ') },
            {
              header: 'Actions',
              cell: (g) => (
                <button type="button" className="danger" onClick={() => remove.mutate(g.id)}>
                  Delete<span className="sr-only"> group {g.name}</span>
                </button>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
