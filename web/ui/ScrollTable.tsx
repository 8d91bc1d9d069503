import { Box, Table } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A box that scrolls sideways below `minWidth`, so a phone keeps wide content
 * readable instead of squeezing it. It is a focusable, named region: keyboard
 * users can scroll it, and screen readers announce what it holds.
 */
export function ScrollRegion({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    <Box style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={label}>
      <Box miw={minWidth}>{children}</Box>
    </Box>
  );
}

/** A striped table with one header row in a ScrollRegion; the rows are the children (`Table.Tr` elements). */
export function ScrollTable({ label, minWidth, headers, children }: { label: string; minWidth: number; headers: ReactNode[]; children: ReactNode }) {
  return (
    <ScrollRegion label={label} minWidth={minWidth}>
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
    </ScrollRegion>
  );
}
