'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '@/components/providers/trpc-provider';
import { FormActions } from '@/components/ui/form-actions';
import { useFormMutation } from '@/components/ui/use-form-mutation';
import { useKeyedRows } from '@/components/ui/use-keyed-rows';
import { personInputSchema } from '@/server/domain/inventory/inputs';
import { type PersonType } from '@/server/domain/inventory/person';
import { PersonEmploymentCard } from './person-employment-card';
import { personInput, type PersonFormValues } from './person-form-values';
import { PersonIdentifiersCard } from './person-identifiers-card';
import { PersonProfileCard } from './person-profile-card';
import { PersonScreeningCard } from './person-screening-card';

export { EMPTY_PERSON, type PersonFormValues } from './person-form-values';

/** Create (no personId) or edit a person: profile, employment, identifiers, screening. */
export function PersonForm({
  personId,
  initial,
  vendors,
  managers,
  timezones,
}: {
  /** Absent when creating. */
  personId?: string;
  initial: PersonFormValues;
  vendors: { id: string; name: string; status: string }[];
  managers: { id: string; fullName: string; email: string }[];
  timezones: string[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [type, setType] = useState<PersonType>(initial.type);
  const identifiers = useKeyedRows(initial.identifiers);
  const options = {
    onSuccess: ({ id }: { id: string }) => router.push(`/people/${id}`),
    navigates: true,
  };
  const create = useFormMutation(trpc.people.create.mutationOptions(), options);
  const update = useFormMutation(trpc.people.update.mutationOptions(), options);
  const form = personId ? update : create;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = personInput(new FormData(event.currentTarget), type, identifiers.rows);
    // The server validates again; checking here first puts each message next to its field.
    if (!form.validate(personInputSchema, input)) return;
    if (personId) update.mutate({ personId, person: input });
    else create.mutate(input);
  }

  return (
    <form onSubmit={onSubmit} aria-label={personId ? 'Edit person' : 'New person'} noValidate>
      <fieldset disabled={form.busy} className="bare">
        <PersonProfileCard
          initial={initial}
          type={type}
          onType={setType}
          vendors={vendors}
          errorFor={form.fieldError}
        />
        <PersonEmploymentCard
          initial={initial}
          managers={managers}
          timezones={timezones}
          errorFor={form.fieldError}
        />
        <PersonIdentifiersCard identifiers={identifiers} error={form.fieldError('identifiers')} />
        <PersonScreeningCard initial={initial} errorFor={form.fieldError} />
      </fieldset>

      <FormActions
        clientErrors={form.invalid}
        serverError={form.error?.message}
        busy={form.busy}
        submitLabel={personId ? 'Save changes' : 'Create person'}
        cancelHref={personId ? `/people/${personId}` : '/people'}
      />
    </form>
  );
}
