import { Anchor, Badge, Button, Card, Code, Group, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { PersonDetail } from '../../../shared/contracts/people';
import { QueryState } from '../../ui/QueryState';
import { hasRole, useMe } from '../accounts/session';
import { peopleApi, usePeopleMutation, usePerson } from './api';
import { useProblem } from './PersonForms';
import { ConsentsSection, EnrolmentsSection, GuardiansSection, RolesSection } from './PersonSections';

/** A person's card for the school admin: contacts, account, roles, enrolments, guardians, consents. */
export function PersonPage() {
  const id = Number(useParams().id);
  const person = usePerson(id);
  return <QueryState query={person}>{(p) => <PersonCard person={p} />}</QueryState>;
}

function PersonCard({ person: p }: { person: PersonDetail }) {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const manage = hasRole(me, 'admin', 'school_admin');
  const [code, setCode] = useState<{ code: string; expiresAt: string } | null>(null);
  const reissue = usePeopleMutation(() => peopleApi.reissue(p.id));
  const [editing, edit] = useDisclosure(false);
  const isStudent = p.enrolments.some((e) => e.endedOn == null);
  const date = (iso: string) => new Date(iso).toLocaleDateString(i18n.language === 'en' ? 'en-GB' : 'ru-RU');
  return (
    <Stack>
      <Anchor component={Link} to="/people" size="sm">
        ← {t('people.peopleTitle')}
      </Anchor>
      <Title order={1} size="h2" data-testid="person-name">
        {[p.surname, p.name, p.patronymic].filter(Boolean).join(' ')}
      </Title>
      <Card withBorder>
        <Group justify="space-between" align="start" wrap="wrap">
          <Stack gap={2}>
            {p.birthDate && <Text size="sm">{t('people.birthDate')}: {p.birthDate}</Text>}
            {p.phone && <Text size="sm">{t('people.phone')}: {p.phone}</Text>}
            {p.email && <Text size="sm">{t('people.email')}: {p.email}</Text>}
            <Group gap="xs" mt="xs">
              <Text size="sm" fw={500}>
                {t('people.account')}:
              </Text>
              <Badge variant="outline" color={p.account.status === 'active' ? 'teal.9' : p.account.status === 'blocked' ? 'red.9' : 'gray.8'} data-testid="account-status">
                {t(`people.statuses.${p.account.status}`)}
              </Badge>
              {p.account.login && <Text size="sm">{t('people.loginIs', { login: p.account.login })}</Text>}
              {p.account.activatedAt && <Text size="sm" c="dimmed">{t('people.activatedAt', { date: date(p.account.activatedAt) })}</Text>}
            </Group>
          </Stack>
          {manage && (
            <Group gap="xs">
              <Button variant="light" size="xs" onClick={edit.open}>
                {t('people.edit')}
              </Button>
              {p.grants.length > 0 && (
                <Button size="xs" loading={reissue.isPending} onClick={() => reissue.mutate(undefined, { onSuccess: (r) => setCode(r) })}>
                  {t('people.reissue')}
                </Button>
              )}
            </Group>
          )}
        </Group>
      </Card>
      <RolesSection person={p} manage={hasRole(me, 'admin', 'school_admin', 'director', 'municipal_officer', 'region_coordinator')} />
      {p.enrolments.length > 0 && <EnrolmentsSection person={p} manage={manage} />}
      {isStudent && <GuardiansSection person={p} manage={manage} />}
      {p.children.length > 0 && (
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            {t('people.childrenOf')}
          </Title>
          {p.children.map((c) => (
            <Text key={c.personId}>
              <Anchor component={Link} to={`/people/${c.personId}`}>
                {c.fullName}
              </Anchor>{' '}
              · {t(`people.relations.${c.relation}`)}
            </Text>
          ))}
        </Card>
      )}
      {isStudent && <ConsentsSection person={p} manage={manage} />}
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={code != null} onClose={() => setCode(null)} title={t('people.codeTitle')}>
        {code && (
          <Stack>
            <Code fz="xl" ta="center" data-testid="activation-code" block>
              {code.code}
            </Code>
            <Text size="sm">{t('people.codeLead', { date: date(code.expiresAt) })}</Text>
          </Stack>
        )}
      </Modal>
      <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={editing} onClose={edit.close} title={t('people.edit')}>
        <EditForm person={p} onDone={edit.close} />
      </Modal>
    </Stack>
  );
}

function EditForm({ person, onDone }: { person: PersonDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState({ surname: person.surname, name: person.name, patronymic: person.patronymic, birthDate: person.birthDate ?? '', phone: person.phone ?? '', email: person.email ?? '' });
  const update = usePeopleMutation((body: unknown) => peopleApi.update(person.id, body));
  const problem = useProblem(update.error);
  const set = (k: keyof typeof f) => (e: { currentTarget: { value: string } }) => setF({ ...f, [k]: e.currentTarget.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ ...f, birthDate: f.birthDate || null, phone: f.phone || null, email: f.email || null }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {problem.alert}
        <TextInput label={t('people.surname')} value={f.surname} onChange={set('surname')} error={problem.field('surname')} />
        <TextInput label={t('people.firstName')} value={f.name} onChange={set('name')} error={problem.field('name')} />
        <TextInput label={t('people.patronymic')} value={f.patronymic} onChange={set('patronymic')} />
        <TextInput label={t('people.birthDate')} value={f.birthDate} onChange={set('birthDate')} error={problem.field('birthDate')} />
        <TextInput label={t('people.phone')} value={f.phone} onChange={set('phone')} error={problem.field('phone')} />
        <TextInput label={t('people.email')} value={f.email} onChange={set('email')} error={problem.field('email')} />
        <Button type="submit" loading={update.isPending}>
          {t('people.save')}
        </Button>
      </Stack>
    </form>
  );
}
