import { Anchor, Badge, Button, Card, FileButton, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PersonDetail } from '../../../shared/contracts/people';
import { peopleApi, useConsents, usePeopleMutation } from './api';
import { CreatePersonForm, useProblem } from './PersonForms';

const today = () => new Date().toISOString().slice(0, 10);

export function RolesSection({ person, manage }: { person: PersonDetail; manage: boolean }) {
  const { t } = useTranslation();
  const withdraw = usePeopleMutation((id: number) => peopleApi.withdrawGrant(id));
  const grant = usePeopleMutation((body: unknown) => peopleApi.grant(body));
  const problem = useProblem(grant.error ?? withdraw.error);
  const schoolId = person.staff.find((s) => s.endedOn == null)?.schoolId ?? person.grants.find((g) => g.schoolId)?.schoolId;
  const [role, setRole] = useState('teacher');
  const [classId, setClassId] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    grant.mutate(role === 'class_teacher' ? { personId: person.id, role, classId: Number(classId) } : { personId: person.id, role, schoolId });
  };
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('people.roles')}
      </Title>
      {problem.alert}
      <Stack gap={4} data-testid="roles">
        {person.grants.map((g) => (
          <Group key={g.id} justify="space-between">
            <Text size="sm">
              {t(`accounts.roles.${g.role}`)} · {g.scopeName}
            </Text>
            {manage && (
              <Button size="compact-xs" variant="outline" color="red.9" onClick={() => withdraw.mutate(g.id)}>
                {t('people.withdraw')}
              </Button>
            )}
          </Group>
        ))}
      </Stack>
      {manage && schoolId && (
        <form onSubmit={submit} noValidate>
          <Group align="end" mt="sm" wrap="wrap">
            <NativeSelect label={t('people.role')} value={role} onChange={(e) => setRole(e.currentTarget.value)} data={['teacher', 'deputy', 'class_teacher', 'school_admin', 'director'].map((r) => ({ value: r, label: t(`accounts.roles.${r}`) }))} />
            {role === 'class_teacher' && <TextInput label={t('people.classId')} value={classId} onChange={(e) => setClassId(e.currentTarget.value)} w={160} />}
            <Button type="submit" variant="light" loading={grant.isPending}>
              {t('people.grantRole')}
            </Button>
          </Group>
        </form>
      )}
    </Card>
  );
}

export function EnrolmentsSection({ person, manage }: { person: PersonDetail; manage: boolean }) {
  const { t } = useTranslation();
  const current = person.enrolments.find((e) => e.endedOn == null);
  const leave = usePeopleMutation((body: unknown) => peopleApi.leave(person.id, body));
  const problem = useProblem(leave.error);
  const [f, setF] = useState({ endedOn: today(), reason: 'left', toSchoolId: '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    leave.mutate({ schoolId: current!.schoolId, endedOn: f.endedOn, reason: f.reason, ...(f.reason === 'moved' ? { toSchoolId: Number(f.toSchoolId) } : {}) });
  };
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('people.enrolments')}
      </Title>
      {person.enrolments.map((e, i) => (
        <Text key={i} size="sm">
          {e.schoolName} · {t('people.enrolledSince', { from: e.startedOn })} {e.endedOn && t('people.enrolledUntil', { to: e.endedOn, reason: t(`people.endReasons.${e.endReason ?? 'left'}`) })}
        </Text>
      ))}
      {manage && current && (
        <form onSubmit={submit} noValidate>
          {problem.alert}
          <Group align="end" mt="sm" wrap="wrap">
            <TextInput label={t('people.endedOn')} value={f.endedOn} onChange={(e) => setF({ ...f, endedOn: e.currentTarget.value })} w={160} error={problem.field('endedOn')} />
            <NativeSelect label={t('people.reason')} value={f.reason} onChange={(e) => setF({ ...f, reason: e.currentTarget.value })} data={['left', 'moved', 'graduated'].map((r) => ({ value: r, label: t(`people.endReasons.${r}`) }))} />
            {f.reason === 'moved' && <TextInput label={t('people.toSchool')} value={f.toSchoolId} onChange={(e) => setF({ ...f, toSchoolId: e.currentTarget.value })} error={problem.field('toSchoolId')} />}
            <Button type="submit" variant="outline" color="red.9" loading={leave.isPending}>
              {t('people.leave')}
            </Button>
          </Group>
        </form>
      )}
    </Card>
  );
}

export function GuardiansSection({ person, manage }: { person: PersonDetail; manage: boolean }) {
  const { t } = useTranslation();
  const schoolId = person.enrolments.find((e) => e.endedOn == null)!.schoolId;
  const [adding, setAdding] = useState(false);
  const [link, setLink] = useState({ guardianId: '', relation: 'father' });
  const linkIt = usePeopleMutation((body: unknown) => peopleApi.link(schoolId, body));
  const problem = useProblem(linkIt.error);
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('people.guardiansOf')}
      </Title>
      <Stack gap={4} data-testid="guardians">
        {person.guardians.map((g) => (
          <Text key={g.personId} size="sm">
            <Anchor component={Link} to={`/people/${g.personId}`}>
              {g.fullName}
            </Anchor>{' '}
            · {t(`people.relations.${g.relation}`)}
          </Text>
        ))}
      </Stack>
      {manage && (
        <Stack mt="sm" gap="xs">
          {adding ? (
            <CreatePersonForm schoolId={schoolId} kind="guardians" studentId={person.id} onDone={() => setAdding(false)} />
          ) : (
            <Button variant="light" w="fit-content" onClick={() => setAdding(true)}>
              {t('people.addGuardian')}
            </Button>
          )}
          {problem.alert}
          <Group align="end" wrap="wrap">
            <TextInput label={t('people.guardianId')} value={link.guardianId} onChange={(e) => setLink({ ...link, guardianId: e.currentTarget.value })} w={180} />
            <NativeSelect label={t('people.relation')} value={link.relation} onChange={(e) => setLink({ ...link, relation: e.currentTarget.value })} data={['mother', 'father', 'other'].map((r) => ({ value: r, label: t(`people.relations.${r}`) }))} />
            <Button variant="light" onClick={() => linkIt.mutate({ guardianId: Number(link.guardianId), studentId: person.id, relation: link.relation })} disabled={!link.guardianId}>
              {t('people.linkGuardian')}
            </Button>
          </Group>
        </Stack>
      )}
    </Card>
  );
}

export function ConsentsSection({ person, manage }: { person: PersonDetail; manage: boolean }) {
  const { t } = useTranslation();
  const consents = useConsents(person.id, true);
  const record = usePeopleMutation((body: unknown) => peopleApi.recordConsent(person.id, body));
  const withdraw = usePeopleMutation((id: number) => peopleApi.withdrawConsent(id, { withdrawnOn: today() }));
  const upload = usePeopleMutation(({ id, file }: { id: number; file: File }) => peopleApi.uploadScan(id, file));
  const problem = useProblem(record.error ?? withdraw.error ?? upload.error);
  const [f, setF] = useState({ guardianId: String(person.guardians[0]?.personId ?? ''), givenOn: today(), documentNumber: '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    record.mutate({ guardianId: Number(f.guardianId), givenOn: f.givenOn, documentNumber: f.documentNumber }, { onSuccess: () => setF({ ...f, documentNumber: '' }) });
  };
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('people.consents')}
      </Title>
      {problem.alert}
      <Stack gap="xs" data-testid="consents">
        {consents.data?.length === 0 && <Text c="dimmed">{t('people.noConsents')}</Text>}
        {consents.data?.map((c) => (
          <Group key={c.id} justify="space-between" wrap="wrap">
            <Text size="sm">
              № {c.documentNumber} · {c.givenOn} · {c.guardianName}{' '}
              <Badge size="sm" variant="outline" color={c.withdrawnAt ? 'red.9' : 'teal.9'}>
                {c.withdrawnOn ? t('people.withdrawnOn', { date: c.withdrawnOn }) : t('people.activeConsent')}
              </Badge>{' '}
              {c.hasScan && (
                <Anchor href={`/api/consents/${c.id}/scan`} target="_blank" size="sm">
                  {t('people.scan')}
                </Anchor>
              )}
            </Text>
            {manage && !c.withdrawnAt && (
              <Group gap="xs">
                <FileButton accept="application/pdf,image/jpeg,image/png" onChange={(file) => file && upload.mutate({ id: c.id, file })}>
                  {(props) => (
                    <Button {...props} size="compact-xs" variant="outline">
                      {t('people.uploadScan')}
                    </Button>
                  )}
                </FileButton>
                <Button size="compact-xs" variant="outline" color="red.9" onClick={() => window.confirm(t('people.withdrawConfirm')) && withdraw.mutate(c.id)}>
                  {t('people.withdrawConsent')}
                </Button>
              </Group>
            )}
          </Group>
        ))}
      </Stack>
      {manage && person.guardians.length > 0 && (
        <form onSubmit={submit} noValidate>
          <Group align="end" mt="sm" wrap="wrap">
            <NativeSelect label={t('people.givenBy')} value={f.guardianId} onChange={(e) => setF({ ...f, guardianId: e.currentTarget.value })} data={person.guardians.map((g) => ({ value: String(g.personId), label: g.fullName }))} />
            <TextInput label={t('people.givenOn')} value={f.givenOn} onChange={(e) => setF({ ...f, givenOn: e.currentTarget.value })} w={150} error={problem.field('givenOn')} />
            <TextInput label={t('people.documentNumber')} value={f.documentNumber} onChange={(e) => setF({ ...f, documentNumber: e.currentTarget.value })} w={150} error={problem.field('documentNumber')} />
            <Button type="submit" variant="light" loading={record.isPending} disabled={!f.documentNumber}>
              {t('people.recordConsent')}
            </Button>
          </Group>
        </form>
      )}
    </Card>
  );
}
