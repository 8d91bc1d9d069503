import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useMe } from '../accounts/session';

/** /monitoring: opens the dashboard of the signed-in person's widest scope. */
export function MonitoringHome() {
  const { t } = useTranslation();
  const me = useMe().data;
  const grants = me?.grants ?? [];
  const region = grants.find((g) => g.role === 'region_coordinator' && g.regionId);
  if (region) return <Navigate to={`/monitoring/regions/${region.regionId}`} replace />;
  const municipality = grants.find((g) => g.role === 'municipal_officer' && g.municipalityId);
  if (municipality) return <Navigate to={`/monitoring/municipalities/${municipality.municipalityId}`} replace />;
  const school = grants.find((g) => ['director', 'school_admin', 'deputy'].includes(g.role) && g.schoolId);
  if (school) return <Navigate to={`/monitoring/schools/${school.schoolId}`} replace />;
  return <Text>{t('monitoring.noScope')}</Text>;
}
