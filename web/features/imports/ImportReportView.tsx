import { Alert, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportProblemGroup, ImportReport } from '../../../shared/contracts/imports';
import { Pager } from '../../ui/Pager';
import { ScrollRegion } from '../../ui/ScrollTable';

/** Problems shown per page of the detailed list: a phone scrolls 50 rows comfortably. */
const PAGE_SIZE = 50;

/**
 * The dry-run report: the verdict, then what is wrong per column (the summary the server counts
 * over the whole file), then the listed problems a page at a time. The server lists only the
 * first problems of a huge file, so the pages stay in component state (a wizard step has no
 * address of its own) and a line says when the list is cut.
 */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { t, i18n } = useTranslation();
  const number = (n: number) => n.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'ru-RU');
  // The page belongs to the report it was chosen for: a new check starts at page 1 without an effect.
  const [paging, setPaging] = useState({ report, page: 1 });
  const page = paging.report === report ? paging.page : 1;
  const tableRef = useRef<HTMLDivElement>(null);
  const shown = report.problems.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const cut = report.problemsTotal > report.problems.length;

  const goTo = (next: number) => {
    setPaging({ report, page: next });
    // The pager sits under 50 rows: bring the top of the new page into view.
    tableRef.current?.scrollIntoView({ block: 'start' });
  };

  if (report.ok) {
    return (
      <Alert color="green" role="status">
        {t('imports.checkedOk', { rows: number(report.rows) })}
      </Alert>
    );
  }

  return (
    <Stack>
      <Alert color="red" role="status" data-testid="import-verdict">
        {t('imports.checkedBad', { total: number(report.problemsTotal), bad: number(report.rows - report.validRows), rows: number(report.rows) })}
      </Alert>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('imports.summaryTitle')}
        </Title>
        <List listStyleType="none" spacing="xs" maw={720} data-testid="import-summary" styles={{ itemWrapper: { width: '100%' }, itemLabel: { width: '100%' } }}>
          {report.summary.map((g) => (
            <SummaryEntry key={`${g.code}|${g.column}`} group={g} number={number} />
          ))}
        </List>
      </Stack>
      <Stack gap="xs" ref={tableRef} style={{ scrollMarginTop: 'calc(var(--app-shell-header-height, 0px) + var(--mantine-spacing-md))' }}>
        <Title order={3} size="h5">
          {t('imports.problemsTitle')}
        </Title>
        {cut && (
          <Text size="sm" fw={600} data-testid="import-list-cut">
            {t('imports.listCut', { count: report.problemsTotal, shown: number(report.problems.length), total: number(report.problemsTotal) })}
          </Text>
        )}
        <ScrollRegion label={t('imports.problemsTitle')} minWidth={480}>
          <Table striped withTableBorder data-testid="import-problems">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('imports.row')}</Table.Th>
                <Table.Th>{t('imports.column')}</Table.Th>
                <Table.Th>{t('imports.problem')}</Table.Th>
                <Table.Th>{t('imports.value')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((p, i) => (
                <Table.Tr key={(page - 1) * PAGE_SIZE + i} data-row={p.row} data-code={p.code}>
                  <Table.Td>{p.row > 0 ? p.row : t('imports.wholeFile')}</Table.Td>
                  <Table.Td>{p.column}</Table.Td>
                  <Table.Td>{t(`imports.problems.${p.code}`)}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{p.value ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
        <Pager total={report.problems.length} page={page} pageSize={PAGE_SIZE} shown={shown.length} onChange={goTo} label={t('imports.problemsTitle')} testId="import-problems-pager" />
      </Stack>
    </Stack>
  );
}

/** One line of the summary: the column, what is wrong, in how many rows, and the first of them. */
function SummaryEntry({ group: g, number }: { group: ImportProblemGroup; number: (n: number) => string }) {
  const { t } = useTranslation();
  // More problems than rows named: the list goes on («rows 2, 3, 4, 5, 6 …»).
  const more = g.count > g.rows.length;
  return (
    <List.Item data-code={g.code} data-column={g.column} data-count={g.count}>
      <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
            {g.column || t('imports.wholeFile')}
          </Text>
          <Text size="sm">{t(`imports.problems.${g.code}`)}</Text>
          {g.rows.some((r) => r > 0) && (
            <Text size="sm" c="dimmed">
              {t('imports.firstRows', { count: g.rows.length + (more ? 1 : 0), list: g.rows.map(number).join(', ') + (more ? ' …' : '') })}
            </Text>
          )}
        </div>
        <Text size="sm" fw={700} style={{ whiteSpace: 'nowrap' }} data-testid="import-summary-count">
          {t('imports.summaryRows', { count: g.count, n: number(g.count) })}
        </Text>
      </Group>
    </List.Item>
  );
}
