/** What the demo generator made so far; each part of the generator reads it and adds its own. */
export interface DemoSchool {
  id: number;
  name: string;
  shortName: string;
  municipalityId: number;
  urban: boolean;
  /** Planned number of pupils (grades 1–11). */
  students: number;
}

export interface DemoRegion {
  id: number;
  name: string;
  municipalities: Array<{ id: number; name: string; schools: DemoSchool[] }>;
}

export interface DemoOptions {
  scale: number;
  seed: number;
  /** The first day of the demo's academic year (1 September). */
  yearStart: string;
  log?: (message: string) => void;
}
