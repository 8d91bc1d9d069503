import { Button, Group, SegmentedControl, Stack, Table, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useSetupMutation, type Overview } from './api';
import { ErrorText } from '../../ui/ErrorText';

/** The bell schedule of one shift. */
export function BellsTab({ schoolId, bells }: { schoolId: number; bells: Overview['bells'] }) {
  const { t } = useTranslation();
  const [shift, setShift] = useState('1');
  const [rows, setRows] = useState(() => bells.filter((b) => b.shift === 1));
  const save = useSetupMutation('PUT', `/api/schools/${schoolId}/bells`);
  const failed = save.error instanceof ApiError ? save.error.field : undefined;
  const choose = (v: string) => {
    setShift(v);
    setRows(bells.filter((b) => b.shift === Number(v)));
  };
  const set = (i: number, key: 'startsAt' | 'endsAt', value: string) => setRows(rows.map((r, k) => (k === i ? { ...r, [key]: value } : r)));
  return (
    <Stack>
      <SegmentedControl aria-label={t('schoolSetup.shift')} value={shift} onChange={choose} data={[{ value: '1', label: `${t('schoolSetup.shift')} 1` }, { value: '2', label: `${t('schoolSetup.shift')} 2` }]} w={260} />
      <Table maw={420}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('schoolSetup.bellNumber')}</Table.Th>
            <Table.Th>{t('schoolSetup.starts')}</Table.Th>
            <Table.Th>{t('schoolSetup.ends')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((b, i) => (
            <Table.Tr key={i}>
              <Table.Td>{b.number}</Table.Td>
              <Table.Td>
                <TextInput size="xs" type="time" aria-label={`${b.number}: ${t('schoolSetup.starts')}`} value={b.startsAt} onChange={(e) => set(i, 'startsAt', e.currentTarget.value)} error={failed === `/body/bells/${i}/startsAt` ? ' ' : undefined} />
              </Table.Td>
              <Table.Td>
                <TextInput size="xs" type="time" aria-label={`${b.number}: ${t('schoolSetup.ends')}`} value={b.endsAt} onChange={(e) => set(i, 'endsAt', e.currentTarget.value)} error={failed === `/body/bells/${i}/endsAt` ? ' ' : undefined} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Button variant="light" onClick={() => setRows([...rows, { shift: Number(shift), number: rows.length + 1, startsAt: '', endsAt: '' }])}>
          {t('schoolSetup.addBell')}
        </Button>
        <Button onClick={() => save.mutate({ shift: Number(shift), bells: rows.map((r) => ({ number: r.number, startsAt: r.startsAt, endsAt: r.endsAt })) })} loading={save.isPending}>
          {t('schoolSetup.saveBells')}
        </Button>
      </Group>
      <ErrorText error={save.error} />
    </Stack>
  );
}
