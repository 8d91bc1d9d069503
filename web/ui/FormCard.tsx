import { Card, Stack, Title } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';

/**
 * A page that is one form in a centred card (signing in, activating an account): the page's
 * heading (level 1, sized h3), then the fields, stacked. `noValidate`: the page shows its own
 * errors, not the browser's validation bubbles.
 */
export function FormCard({ title, maxWidth, onSubmit, children }: { title: ReactNode; maxWidth: number; onSubmit: (event: FormEvent) => void; children: ReactNode }) {
  return (
    <Stack align="center" py="lg">
      <Card withBorder padding="lg" w="100%" maw={maxWidth}>
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <Title order={1} size="h3">
              {title}
            </Title>
            {children}
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
