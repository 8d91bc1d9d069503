import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '../../ui/QueryState';
import { useTeacherHome } from './api';

/** The teacher's courses, each opening its journal. */
export function JournalIndexPage() {
  const { t } = useTranslation();
  const home = useTeacherHome(true);
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('journal.myCourses')}
      </Title>
      <QueryState query={home}>
        {(h) =>
          h.courses.length === 0 ? (
            <Text c="dimmed">{t('journal.noCourses')}</Text>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
              {h.courses.map((c) => (
                <Card withBorder key={c.courseId}>
                  <Anchor component={Link} to={`/journal/courses/${c.courseId}`}>
                    {c.className} · {c.subject}
                  </Anchor>
                </Card>
              ))}
            </SimpleGrid>
          )
        }
      </QueryState>
    </Stack>
  );
}
