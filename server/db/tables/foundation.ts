import type { Generated } from 'kysely';

/** Region → municipalities (МОУО) → schools (ОУ). Settings are JSON text; defaults live in shared/settings.ts. */
export interface RegionTable {
  id: Generated<number>;
  name: string;
  code: string;
  time_zone: string;
  settings: string;
  created_at: string;
}

export interface MunicipalityTable {
  id: Generated<number>;
  region_id: number;
  name: string;
  short_name: string;
  settings: string;
  created_at: string;
}

export interface SchoolTable {
  id: Generated<number>;
  region_id: number;
  municipality_id: number;
  name: string;
  short_name: string;
  address: string;
  settings: string;
  created_at: string;
}

export interface FoundationTables {
  regions: RegionTable;
  municipalities: MunicipalityTable;
  schools: SchoolTable;
}
