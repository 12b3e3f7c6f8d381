import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useParams } from 'react-router-dom';
import { tenantApi, unwrap } from '../../api/client';
import { applyApiError, usePageTitle } from '../../components/forms';
import { ErrorList, Field, Loading, QueryError } from '../../components/ui';
import { tierErrors, type TierInput } from '../../lib/validation';

interface Programme {
  name: string;
  tiers: TierInput[];
}

export function Tiers() {
  usePageTitle('Membership tiers');
  const { tenantId = '' } = useParams();
  const api = tenantApi(tenantId);
  const queryClient = useQueryClient();
  const [messages, setMessages] = useState<string[]>([]);
  const current = useQuery({ queryKey: ['membership', tenantId], queryFn: () => unwrap(api.GET('/v1/memberships')) });
  const form = useForm<Programme>({ defaultValues: { name: '', tiers: [] } });
  const tiers = useFieldArray({ control: form.control, name: 'tiers' });
  useEffect(() => {
    if (current.data) form.reset({ name: current.data.is_default ? 'Loyalty programme' : current.data.name, tiers: current.data.tiers });
  }, [current.data, form]);
  const save = useMutation({
    mutationFn: (body: Programme) => unwrap(api.POST('/v1/memberships', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['membership', tenantId] }),
    onError: (error) =>
      setMessages(applyApiError(error, form.setError, ['name', 'tiers', ...form.getValues('tiers').flatMap((_, i) => ['tier_name', 'min_points', 'max_points'].map((f) => `tiers.${i}.${f}`))])),
  });
  const submit = form.handleSubmit((values) => {
    setMessages([]);
    const body = { name: values.name, tiers: values.tiers.map((t) => ({ tier_name: t.tier_name, min_points: Number(t.min_points), max_points: Number(t.max_points) })) };
    const problems = tierErrors(body.tiers);
    for (const [field, message] of Object.entries(problems)) form.setError(field as 'tiers', { type: 'client', message });
    if (Object.keys(problems).length === 0) save.mutate(body);
  });
  const { errors } = form.formState;
  if (current.isLoading) return <Loading what="the programme" />;
  return (
    <>
      <h1>Membership tiers</h1>
      {current.data?.is_default && <p className="muted">This tenant uses the built-in tiers (bronze, silver, gold). Saving makes its own programme; members are re-tiered.</p>}
      <QueryError error={current.error} />
      <form noValidate onSubmit={submit}>
        <ErrorList messages={[...messages, ...(errors.tiers?.message ? [errors.tiers.message] : [])]} />
        <Field label="Programme name" error={errors.name?.message}>
          {(c) => <input {...c} {...form.register('name', { required: 'must not be empty' })} />}
        </Field>
        {tiers.fields.map((tier, i) => (
          <fieldset key={tier.id} className="field-row">
            <legend>Tier {i + 1}</legend>
            <Field label="Tier name" error={errors.tiers?.[i]?.tier_name?.message}>
              {(c) => <input {...c} {...form.register(`tiers.${i}.tier_name`)} />}
            </Field>
            <Field label="Minimum points" error={errors.tiers?.[i]?.min_points?.message}>
              {(c) => <input {...c} type="number" min={0} {...form.register(`tiers.${i}.min_points`, { valueAsNumber: true })} />}
            </Field>
            <Field label="Maximum points" hint="0 = no upper bound" error={errors.tiers?.[i]?.max_points?.message}>
              {(c) => <input {...c} type="number" min={0} {...form.register(`tiers.${i}.max_points`, { valueAsNumber: true })} />}
            </Field>
            <button type="button" onClick={() => tiers.remove(i)}>
              Remove tier {i + 1}
            </button>
          </fieldset>
        ))}
        <div className="actions">
          <button type="button" onClick={() => tiers.append({ tier_name: '', min_points: 0, max_points: 0 })}>
            Add tier
          </button>
          <button type="submit" className="primary" disabled={save.isPending}>
            Save tiers
          </button>
        </div>
        {save.isSuccess && <p role="status">Saved. Members are re-tiered.</p>}
      </form>
    </>
  );
}
