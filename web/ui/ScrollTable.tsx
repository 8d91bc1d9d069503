import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A striped table with one header row that scrolls sideways below `minWidth`,
 * so a phone keeps the columns readable instead of squeezing them. The rows are
 * the children (`Table.Tr` elements).
 */
export function ScrollTable({ minWidth, headers, children }: { minWidth: number; headers: ReactNode[]; children: ReactNode }) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            {headers.map((header, i) => (
              <Table.Th key={i}>{header}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
