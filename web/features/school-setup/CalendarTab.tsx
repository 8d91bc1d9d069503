import { Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useSetupMutation, type Holiday, type Overview, type Term } from './api';
import { ErrorText } from './SetupPage';

/** The year's terms and holidays as an editable table; the server checks overlaps and gaps and names the field. */
export function CalendarTab({ schoolId, overview }: { schoolId: number; overview: Overview }) {
  const { t } = useTranslation();
  const year = overview.years[0];
  const start = year ?? overview.suggestedYear;
  const [terms, setTerms] = useState<Term[]>(start.terms.map(({ id: _id, ...rest }) => rest as Term));
  const [holidays, setHolidays] = useState<Holiday[]>(start.holidays.map(({ id: _id, ...rest }) => rest as Holiday));
  const create = useSetupMutation('POST', `/api/schools/${schoolId}/years`);
  const replace = useSetupMutation('PUT', `/api/years/${year?.id}/calendar`);
  const mutation = year ? replace : create;
  const failed = mutation.error instanceof ApiError ? mutation.error.field : undefined;
  const cellError = (pointer: string) => (failed === pointer ? t(`errors.${(mutation.error as ApiError).code}`) : undefined);
  const dateInput = (value: string, label: string, pointer: string, set: (v: string) => void) => (
    <TextInput type="date" aria-label={label} value={value} onChange={(e) => set(e.currentTarget.value)} error={cellError(pointer)} size="xs" miw={140} />
  );
  const save = () => mutation.mutate(year ? { terms, holidays } : { name: start.name, startsOn: start.startsOn, endsOn: start.endsOn, terms, holidays });
  return (
    <Stack>
      <Text>
        {t('schoolSetup.year')}: <b>{start.name}</b> ({start.startsOn} — {start.endsOn})
      </Text>
      {!year && <Text c="dimmed">{t('schoolSetup.noYear')}</Text>}
      <Title order={2} size="h4">
        {t('schoolSetup.terms')}
      </Title>
      <Table.ScrollContainer minWidth={520}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('schoolSetup.period')}</Table.Th>
              <Table.Th>{t('schoolSetup.grades')}</Table.Th>
              <Table.Th>{t('schoolSetup.starts')}</Table.Th>
              <Table.Th>{t('schoolSetup.ends')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {terms.map((term, i) => (
              <Table.Tr key={i} data-testid="term-row">
                <Table.Td>
                  {term.number} {t(`schoolSetup.kind.${term.kind}`)}
                </Table.Td>
                <Table.Td>{t('schoolSetup.gradesRange', { from: term.gradeFrom, to: term.gradeTo })}</Table.Td>
                <Table.Td>{dateInput(term.startsOn, `${t('schoolSetup.starts')} ${term.number}`, `/body/terms/${i}/startsOn`, (v) => setTerms(terms.map((x, k) => (k === i ? { ...x, startsOn: v } : x))))}</Table.Td>
                <Table.Td>{dateInput(term.endsOn, `${t('schoolSetup.ends')} ${term.number}`, `/body/terms/${i}/endsOn`, (v) => setTerms(terms.map((x, k) => (k === i ? { ...x, endsOn: v } : x))))}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Title order={2} size="h4">
        {t('schoolSetup.holidays')}
      </Title>
      <Table.ScrollContainer minWidth={520}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('schoolSetup.name')}</Table.Th>
              <Table.Th>{t('schoolSetup.grades')}</Table.Th>
              <Table.Th>{t('schoolSetup.starts')}</Table.Th>
              <Table.Th>{t('schoolSetup.ends')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {holidays.map((h, i) => (
              <Table.Tr key={i}>
                <Table.Td>{h.name}</Table.Td>
                <Table.Td>{t('schoolSetup.gradesRange', { from: h.gradeFrom, to: h.gradeTo })}</Table.Td>
                <Table.Td>{dateInput(h.startsOn, `${h.name}: ${t('schoolSetup.starts')}`, `/body/holidays/${i}/startsOn`, (v) => setHolidays(holidays.map((x, k) => (k === i ? { ...x, startsOn: v } : x))))}</Table.Td>
                <Table.Td>{dateInput(h.endsOn, `${h.name}: ${t('schoolSetup.ends')}`, `/body/holidays/${i}/endsOn`, (v) => setHolidays(holidays.map((x, k) => (k === i ? { ...x, endsOn: v } : x))))}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ErrorText error={mutation.error} />
      {mutation.isSuccess && <Text c="teal.9">{t('schoolSetup.saved')}</Text>}
      <Group>
        <Button onClick={save} loading={mutation.isPending}>
          {year ? t('schoolSetup.saveCalendar') : t('schoolSetup.createYear')}
        </Button>
      </Group>
    </Stack>
  );
}
