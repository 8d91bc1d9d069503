import { Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ScrollTable } from '../../ui/ScrollTable';
import { useSetupMutation, type Holiday, type Overview, type Term } from './api';
import { ErrorText } from '../../ui/ErrorText';

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
  const save = () => mutation.mutate(year ? { terms, holidays } : { name: start.name, startsOn: start.startsOn, endsOn: start.endsOn, terms, holidays });
  return (
    <Stack>
      <Text>
        {t('schoolSetup.year')}: <b>{start.name}</b> ({start.startsOn} — {start.endsOn})
      </Text>
      {!year && <Text c="dimmed">{t('schoolSetup.noYear')}</Text>}
      <PeriodTable
        title={t('schoolSetup.terms')}
        nameHeader={t('schoolSetup.period')}
        part="terms"
        periods={terms}
        onChange={setTerms}
        name={(term) => (
          <>
            {term.number} {t(`schoolSetup.kind.${term.kind}`)}
          </>
        )}
        dateLabel={(term, edge) => `${edge} ${term.number}`}
        fieldError={cellError}
        rowTestId="term-row"
      />
      <PeriodTable
        title={t('schoolSetup.holidays')}
        nameHeader={t('schoolSetup.name')}
        part="holidays"
        periods={holidays}
        onChange={setHolidays}
        name={(h) => h.name}
        dateLabel={(h, edge) => `${h.name}: ${edge}`}
        fieldError={cellError}
      />
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

type Period = Pick<Term, 'startsOn' | 'endsOn' | 'gradeFrom' | 'gradeTo'>;

/**
 * One part of the calendar, terms or holidays: a titled table whose dates can be edited.
 * Row i's dates go to the server as `/body/<part>/i/startsOn|endsOn`, the pointer it names a wrong date by.
 */
function PeriodTable<P extends Period>(props: {
  title: string;
  nameHeader: string;
  part: 'terms' | 'holidays';
  periods: P[];
  onChange: (periods: P[]) => void;
  name: (period: P) => ReactNode;
  /** The date input's accessible name, from the period and the column ("starts" or "ends", translated). */
  dateLabel: (period: P, edge: string) => string;
  fieldError: (pointer: string) => string | undefined;
  rowTestId?: string;
}) {
  const { t } = useTranslation();
  const { part, periods, onChange } = props;
  const starts = t('schoolSetup.starts');
  const ends = t('schoolSetup.ends');
  const dateInput = (period: P, i: number, key: 'startsOn' | 'endsOn', edge: string) => (
    <TextInput
      type="date"
      aria-label={props.dateLabel(period, edge)}
      value={period[key]}
      onChange={(e) => {
        const value = e.currentTarget.value;
        onChange(periods.map((x, k) => (k === i ? { ...x, [key]: value } : x)));
      }}
      error={props.fieldError(`/body/${part}/${i}/${key}`)}
      size="xs"
      miw={140}
    />
  );
  return (
    <>
      <Title order={2} size="h4">
        {props.title}
      </Title>
      <ScrollTable label={props.title} minWidth={520} headers={[props.nameHeader, t('schoolSetup.grades'), starts, ends]}>
        {periods.map((period, i) => (
          <Table.Tr key={i} data-testid={props.rowTestId}>
            <Table.Td>{props.name(period)}</Table.Td>
            <Table.Td>{t('schoolSetup.gradesRange', { from: period.gradeFrom, to: period.gradeTo })}</Table.Td>
            <Table.Td>{dateInput(period, i, 'startsOn', starts)}</Table.Td>
            <Table.Td>{dateInput(period, i, 'endsOn', ends)}</Table.Td>
          </Table.Tr>
        ))}
      </ScrollTable>
    </>
  );
}
