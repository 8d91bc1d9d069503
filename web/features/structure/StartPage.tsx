import { Accordion, Anchor, Badge, Card, Group, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '../../ui/QueryState';
import { useDirectory } from './api';

/** The public start page: what Otmetka is, and the region's municipalities and schools. */
export function StartPage() {
  const { t } = useTranslation();
  const directory = useDirectory();
  const [search, setSearch] = useState('');
  return (
    <Stack gap="lg">
      <Card withBorder padding="lg" bg="indigo.0">
        <Title order={1} size="h2">
          {t('structure.startTitle')}
        </Title>
        <Text mt="sm" size="lg">
          {t('structure.startLead')}
        </Text>
      </Card>
      <QueryState query={directory}>
        {(regions) =>
          regions.length === 0 ? (
            <Text c="dimmed">{t('structure.emptyRegion')}</Text>
          ) : (
            <Stack gap="md">
              {regions.map((region) => (
                <RegionDirectory key={region.id} region={region} search={search} setSearch={setSearch} />
              ))}
            </Stack>
          )
        }
      </QueryState>
    </Stack>
  );
}

type Region = NonNullable<ReturnType<typeof useDirectory>['data']>[number];

function RegionDirectory({ region, search, setSearch }: { region: Region; search: string; setSearch: (v: string) => void }) {
  const { t } = useTranslation();
  const needle = search.trim().toLowerCase();
  const municipalities = useMemo(
    () =>
      region.municipalities
        .map((m) => ({
          ...m,
          schools: needle ? m.schools.filter((s) => `${s.name} ${s.shortName} ${m.name}`.toLowerCase().includes(needle)) : m.schools,
        }))
        .filter((m) => m.schools.length > 0 || !needle),
    [region, needle],
  );
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Text c="dimmed" size="sm">
            {region.name}
          </Text>
          <Title order={2} size="h3">
            {t('structure.directoryTitle')}
          </Title>
        </div>
        <TextInput
          aria-label={t('structure.searchSchools')}
          placeholder={t('structure.searchSchools')}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={{ base: '100%', sm: 320 }}
        />
      </Group>
      {municipalities.length === 0 ? (
        <Text c="dimmed">{t('structure.noSchools')}</Text>
      ) : (
        <Accordion variant="separated" multiple defaultValue={needle ? municipalities.map((m) => String(m.id)) : []}>
          {municipalities.map((m) => (
            <Accordion.Item key={m.id} value={String(m.id)}>
              <Accordion.Control>
                <Group justify="space-between" wrap="nowrap" pr="sm">
                  <Text fw={500}>{m.name}</Text>
                  <Badge variant="light">{t('structure.schoolsCount', { count: m.schools.length })}</Badge>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <List spacing={4}>
                  {m.schools.map((s) => (
                    <List.Item key={s.id}>
                      <Anchor component={Link} to={`/schools/${s.id}`}>
                        {s.name}
                      </Anchor>
                    </List.Item>
                  ))}
                </List>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
    </Stack>
  );
}
