import { Modal, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../ui/QueryState';
import { useHistory } from './api';

function describe(v: unknown): string {
  if (v == null) return '—';
  const o = v as Record<string, unknown>;
  return String(o.value ?? o.code ?? o.topic ?? JSON.stringify(o));
}

/** The audit records of one cell: who, when, old, new, reason. */
export function HistoryModal({ params, title, onClose }: { params: string | null; title: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const history = useHistory(params);
  return (
    <Modal closeButtonProps={{ 'aria-label': t('common.close') }} opened={params != null} onClose={onClose} title={title} size="lg">
      <QueryState query={history}>
        {(rows) =>
          rows.length === 0 ? (
            <Text c="dimmed">{t('journal.noHistory')}</Text>
          ) : (
            <Stack>
              <Table striped data-testid="history">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('journal.when')}</Table.Th>
                    <Table.Th>{t('journal.who')}</Table.Th>
                    <Table.Th>{t('journal.was')}</Table.Th>
                    <Table.Th>{t('journal.became')}</Table.Th>
                    <Table.Th>{t('journal.reason')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={r.seq}>
                      <Table.Td>{new Date(r.at).toLocaleString(i18n.language)}</Table.Td>
                      <Table.Td>{r.actor}</Table.Td>
                      <Table.Td>{describe(r.old)}</Table.Td>
                      <Table.Td>{describe(r.new)}</Table.Td>
                      <Table.Td>{r.reason}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
          )
        }
      </QueryState>
    </Modal>
  );
}
