import { Button, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack align="center" py="xl" gap="md" data-testid="not-found">
      <Title order={1}>{t('common.notFoundTitle')}</Title>
      <Text c="dimmed">{t('common.notFoundText')}</Text>
      <Button component={Link} to="/">
        {t('common.toHome')}
      </Button>
    </Stack>
  );
}
