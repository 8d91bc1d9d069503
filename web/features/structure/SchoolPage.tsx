import { Anchor, Breadcrumbs, Button, Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { QueryState } from '../../ui/QueryState';
import { usePublicSchool } from './api';

/** A school's public page, suitable to link from the school's own website. */
export function SchoolPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const school = usePublicSchool(id);
  return (
    <QueryState query={school}>
      {(s) => (
        <Stack gap="lg">
          <Breadcrumbs>
            <Anchor component={Link} to="/">
              {s.region.name}
            </Anchor>
            <Text>{s.municipality.name}</Text>
          </Breadcrumbs>
          <div>
            <Text c="dimmed">{t('structure.schoolPageTitle')}</Text>
            <Title order={1} size="h2">
              {s.name}
            </Title>
          </div>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Card withBorder>
              <Text size="sm" c="dimmed">
                {t('structure.municipality')}
              </Text>
              <Text>{s.municipality.name}</Text>
              {s.address && (
                <>
                  <Text size="sm" c="dimmed" mt="sm">
                    {t('structure.address')}
                  </Text>
                  <Text>{s.address}</Text>
                </>
              )}
            </Card>
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">
                {t('structure.howToAccess')}
              </Title>
              <List type="ordered" spacing="xs">
                {(t('structure.accessSteps', { returnObjects: true }) as string[]).map((step) => (
                  <List.Item key={step}>{step}</List.Item>
                ))}
              </List>
              <Button component={Link} to={`/activate?school=${s.id}`} mt="md" fullWidth>
                {t('structure.activate')}
              </Button>
            </Card>
          </SimpleGrid>
          <Card withBorder>
            <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="access-instructions">
              {s.accessInstructions || t('structure.noInstructions')}
            </Text>
          </Card>
        </Stack>
      )}
    </QueryState>
  );
}
