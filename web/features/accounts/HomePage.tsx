import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { HomeBlocks } from '../people/HomeBlocks';
import { TeacherRemarks } from '../control/TeacherRemarks';
import { TeacherHomeBlock } from '../journal/TeacherHomeBlock';
import { hasRole, useMe } from './session';

/** The signed-in person's start: a greeting and their roles; features add their own blocks for each role. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!me) return null;
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('accounts.hello', { name: me.displayName })}
      </Title>
      <Card withBorder>
        <Text fw={500} mb="xs">
          {t('accounts.yourRoles')}
        </Text>
        <Group gap="xs">
          {me.grants.map((g) => (
            <Badge key={g.id} variant="light">
              {t(`accounts.roles.${g.role}`)}
            </Badge>
          ))}
        </Group>
      </Card>
      <HomeBlocks />
      <TeacherRemarks />
      {hasRole(me, 'teacher') && <TeacherHomeBlock />}
    </Stack>
  );
}
