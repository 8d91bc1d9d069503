import { Card, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { QueryState } from '../../ui/QueryState';
import { useChild } from './api';

/** One of the guardian's children; any other child's address is a not-found page. */
export function ChildPage() {
  const { t } = useTranslation();
  const child = useChild(Number(useParams().id));
  return (
    <QueryState query={child}>
      {(c) => (
        <Stack>
          <Title order={1} size="h2" data-testid="child-name">
            {c.fullName}
          </Title>
          <Card withBorder>
            <Text size="sm" c="dimmed">
              {t('people.school')}
            </Text>
            <Text>{c.schoolName ?? '—'}</Text>
            <Text size="sm" c="dimmed" mt="sm">
              {t('people.class')}
            </Text>
            <Text>{c.className ?? '—'}</Text>
          </Card>
          <Text c="dimmed">{t('people.childLead')}</Text>
        </Stack>
      )}
    </QueryState>
  );
}
