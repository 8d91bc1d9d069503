import { Button, Checkbox, Group, Stack, Table, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ScrollTable } from '../../ui/ScrollTable';
import { useSetupMutation, useSetupPatch, type Overview } from './api';
import { ErrorText } from '../../ui/ErrorText';

/** Subjects with their settings: double marks, pass/fail only, no marks in grade 1. */
export function SubjectsTab({ schoolId, subjects }: { schoolId: number; subjects: Overview['subjects'] }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const create = useSetupMutation('POST', `/api/schools/${schoolId}/subjects`);
  const update = useSetupPatch('/api/subjects');
  const flags = ['doubleMarks', 'passFail', 'noMarksGrade1'] as const;
  return (
    <Stack>
      <ScrollTable label={t('schoolSetup.tabs.subjects')} minWidth={560} headers={[t('schoolSetup.subject'), ...flags.map((f) => t(`schoolSetup.${f}`))]}>
        {subjects.map((s) => (
          <Table.Tr key={s.id}>
            <Table.Td>{s.name}</Table.Td>
            {flags.map((f) => (
              <Table.Td key={f}>
                <Checkbox aria-label={`${s.name}: ${t(`schoolSetup.${f}`)}`} checked={s[f]} onChange={(e) => update.mutate({ id: s.id, body: { [f]: e.currentTarget.checked } })} />
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </ScrollTable>
      <ErrorText error={update.error} />
      <Group align="flex-end">
        <TextInput label={t('schoolSetup.subject')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <Button onClick={() => create.mutate({ name }, { onSuccess: () => setName('') })} loading={create.isPending}>
          {t('schoolSetup.addSubject')}
        </Button>
      </Group>
      <ErrorText error={create.error} />
    </Stack>
  );
}
