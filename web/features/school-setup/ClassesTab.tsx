import { Button, Group, NumberInput, Select, Stack, Table, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../ui/QueryState';
import { ScrollTable } from '../../ui/ScrollTable';
import { useClasses, useSetupMutation, useSetupPatch, type Overview } from './api';
import { ErrorText } from '../../ui/ErrorText';

/** Classes of the year: add one, change its shift or class teacher (which also grants the class_teacher role). */
export function ClassesTab({ yearId, staff }: { yearId: number; staff: Overview['staff'] }) {
  const { t } = useTranslation();
  const classes = useClasses(yearId);
  const [grade, setGrade] = useState<number | string>(1);
  const [letter, setLetter] = useState('А');
  const create = useSetupMutation('POST', `/api/years/${yearId}/classes`);
  const update = useSetupPatch('/api/classes');
  const staffOptions = staff.map((s) => ({ value: String(s.personId), label: s.name }));
  return (
    <Stack>
      <QueryState query={classes}>
        {(rows) => (
          <ScrollTable label={t('schoolSetup.tabs.classes')} minWidth={560} headers={[t('schoolSetup.className'), t('schoolSetup.shift'), t('schoolSetup.classTeacher'), t('schoolSetup.students')]}>
            {rows.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td fw={600}>{c.name}</Table.Td>
                <Table.Td>
                  <Select size="xs" w={70} aria-label={`${t('schoolSetup.shift')} ${c.name}`} data={['1', '2']} value={String(c.shift)} onChange={(v) => v && update.mutate({ id: c.id, body: { shift: Number(v) } })} />
                </Table.Td>
                <Table.Td>
                  <Select
                    size="xs"
                    searchable
                    clearable
                    aria-label={`${t('schoolSetup.classTeacher')} ${c.name}`}
                    data={staffOptions}
                    value={c.classTeacher ? String(c.classTeacher.personId) : null}
                    onChange={(v) => update.mutate({ id: c.id, body: { classTeacherPersonId: v ? Number(v) : null } })}
                    miw={220}
                  />
                </Table.Td>
                <Table.Td>{c.students}</Table.Td>
              </Table.Tr>
            ))}
          </ScrollTable>
        )}
      </QueryState>
      <ErrorText error={update.error} />
      <Group align="flex-end">
        <NumberInput label={t('schoolSetup.grade')} min={1} max={11} value={grade} onChange={setGrade} w={100} />
        <TextInput label={t('schoolSetup.letter')} value={letter} onChange={(e) => setLetter(e.currentTarget.value.toUpperCase())} w={100} />
        <Button onClick={() => create.mutate({ grade: Number(grade), letter })} loading={create.isPending}>
          {t('schoolSetup.addClass')}
        </Button>
      </Group>
      <ErrorText error={create.error} />
    </Stack>
  );
}
