import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasRole, useMe } from '../accounts/session';
import { useMyChildren } from './api';

/** The home page's blocks of this feature: a guardian's children, the school admin's people. */
export function HomeBlocks() {
  const { t } = useTranslation();
  const me = useMe().data;
  const family = hasRole(me, 'guardian', 'student');
  const children = useMyChildren();
  return (
    <Stack>
      {family && (
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            {t('people.childrenTitle')}
          </Title>
          {children.data && children.data.length === 0 && <Text c="dimmed">{t('people.noChildren')}</Text>}
          <SimpleGrid cols={{ base: 1, sm: 2 }} data-testid="children">
            {children.data?.map((c) => (
              <Card key={c.personId} withBorder padding="sm">
                <Anchor component={Link} to={`/children/${c.personId}`} fw={500}>
                  {c.fullName}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {[c.schoolName, c.className].filter(Boolean).join(', ')}
                </Text>
              </Card>
            ))}
          </SimpleGrid>
        </Card>
      )}
      {hasRole(me, 'admin', 'school_admin', 'director', 'deputy') && (
        <Card withBorder>
          <Anchor component={Link} to="/people" fw={500}>
            {t('people.peopleTitle')}
          </Anchor>
        </Card>
      )}
    </Stack>
  );
}
