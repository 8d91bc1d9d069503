import { Alert, Button, Checkbox, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { peopleApi, usePeopleMutation } from './api';

/** Shows a problem's field error beside the field, and any other problem above the form. */
export function useProblem(error: unknown) {
  const { t } = useTranslation();
  const problem = error instanceof ApiError ? error : null;
  return {
    field: (name: string) => (problem?.field === `/body/${name}` ? t(`errors.${problem.code}`) : undefined),
    alert: problem ? (
      <Alert color="red" role="alert">
        {t(`errors.${problem.code}`)}
      </Alert>
    ) : null,
  };
}

const clean = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined));

/** New staff member, student or guardian (of a given student). */
export function CreatePersonForm({ schoolId, kind, studentId, onDone }: { schoolId: number; kind: 'staff' | 'students' | 'guardians'; studentId?: number; onDone: (code: string | null) => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState({ surname: '', name: '', patronymic: '', birthDate: '', phone: '', email: '', position: '', relation: 'mother' });
  const [roles, setRoles] = useState<string[]>(['teacher']);
  const create = usePeopleMutation((body: unknown) => peopleApi.create(schoolId, kind, body));
  const problem = useProblem(create.error);
  const set = (k: keyof typeof f) => (e: { currentTarget: { value: string } }) => setF({ ...f, [k]: e.currentTarget.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const base = clean({ surname: f.surname, name: f.name, patronymic: f.patronymic, birthDate: f.birthDate, phone: f.phone, email: f.email });
    const body = kind === 'staff' ? { ...base, ...clean({ position: f.position }), roles } : kind === 'guardians' ? { ...base, studentId, relation: f.relation } : base;
    create.mutate(body, { onSuccess: (r) => onDone(r.activationCode) });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {problem.alert}
        <TextInput label={t('people.surname')} required value={f.surname} onChange={set('surname')} error={problem.field('surname')} />
        <TextInput label={t('people.firstName')} required value={f.name} onChange={set('name')} error={problem.field('name')} />
        <TextInput label={t('people.patronymic')} value={f.patronymic} onChange={set('patronymic')} />
        <TextInput label={t('people.birthDate')} value={f.birthDate} onChange={set('birthDate')} error={problem.field('birthDate')} />
        <TextInput label={t('people.phone')} value={f.phone} onChange={set('phone')} error={problem.field('phone')} />
        <TextInput label={t('people.email')} value={f.email} onChange={set('email')} error={problem.field('email')} />
        {kind === 'staff' && (
          <>
            <TextInput label={t('people.position')} value={f.position} onChange={set('position')} />
            <Checkbox.Group label={t('people.roles')} value={roles} onChange={setRoles}>
              <Group mt={4}>
                {['teacher', 'deputy'].map((r) => (
                  <Checkbox key={r} value={r} label={t(`accounts.roles.${r}`)} />
                ))}
              </Group>
            </Checkbox.Group>
          </>
        )}
        {kind === 'guardians' && (
          <NativeSelect label={t('people.relation')} value={f.relation} onChange={set('relation')} data={['mother', 'father', 'other'].map((r) => ({ value: r, label: t(`people.relations.${r}`) }))} />
        )}
        <Button type="submit" loading={create.isPending} disabled={!f.surname || !f.name}>
          {t('people.save')}
        </Button>
      </Stack>
    </form>
  );
}
