import { Group, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import type { ScreenReport } from '../../../shared/contracts/reports';

/** A report on screen: the same sections and tables as its XLSX and PDF files. */
export function ScreenTable({ report }: { report: ScreenReport }) {
  return (
    <Stack data-testid="report">
      <div>
        <Title order={2} size="h3">
          {report.title}
        </Title>
        {report.subtitle.filter(Boolean).map((line) => (
          <Text key={line} c="dimmed" size="sm">
            {line}
          </Text>
        ))}
      </div>
      {report.sections.map((s, i) => (
        <Stack key={i} gap="xs">
          {s.heading && (
            <Title order={3} size="h4">
              {s.heading}
            </Title>
          )}
          {s.tables.map((t, j) => (
            <Stack key={j} gap={4}>
              {t.title && <Text fw={600}>{t.title}</Text>}
              <ScrollArea type="auto" viewportProps={{ tabIndex: 0, role: 'region', 'aria-label': t.title ?? report.title }}>
                <Table striped withTableBorder withColumnBorders fz="sm" miw={Math.min(1200, t.columns.length * 70)}>
                  <Table.Thead>
                    <Table.Tr>
                      {t.columns.map((c, k) => (
                        <Table.Th key={k}>{c}</Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {t.rows.map((r, k) => (
                      <Table.Tr key={k} fw={t.totalRows && k >= t.rows.length - t.totalRows ? 700 : undefined}>
                        {r.map((c, m) => (
                          <Table.Td key={m}>{c}</Table.Td>
                        ))}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea>
            </Stack>
          ))}
          {s.lines?.map((line) => (
            <Group key={line}>
              <Text size="sm">{line}</Text>
            </Group>
          ))}
        </Stack>
      ))}
    </Stack>
  );
}
