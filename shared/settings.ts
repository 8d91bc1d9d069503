/**
 * Settings of a region and of a school, with their defaults (design.md,
 * "Domain rules"). Stored as JSON; a missing key takes the default, so a new
 * setting never needs a data migration.
 */
export interface RegionSettings {
  /** Weights of the «Самые активные МОУО» score. */
  rankingWeights: { activation: number; activity: number; topics: number };
  /** Weekly snapshot: ISO weekday (3 = Wednesday) and hour in the region's time zone. */
  snapshotWeekday: number;
  snapshotHour: number;
}

export interface SchoolSettings {
  /** Marks may carry + and −. */
  plusMinus: boolean;
  /** + and − change the number in averages (4+ = 4.33 …). */
  plusMinusAffectsAverage: boolean;
  /** A mark or topic entered more than this many school days after its lesson is late. */
  lateAfterSchoolDays: number;
  /** Thresholds of the suggested term mark: 5 from 4.60, 4 from 3.60, 3 from 2.60. */
  termMarkThresholds: { five: number; four: number; three: number };
  /** Fewer numeric marks than this in a term suggest «н/а». */
  minMarksForTermMark: number;
  /** Text of the public school page on how parents and pupils get access. */
  accessInstructions: string;
}

export const defaultRegionSettings: RegionSettings = {
  rankingWeights: { activation: 0.4, activity: 0.3, topics: 0.3 },
  snapshotWeekday: 3,
  snapshotHour: 6,
};

export const defaultSchoolSettings: SchoolSettings = {
  plusMinus: false,
  plusMinusAffectsAverage: false,
  lateAfterSchoolDays: 1,
  termMarkThresholds: { five: 4.6, four: 3.6, three: 2.6 },
  minMarksForTermMark: 3,
  accessInstructions: '',
};

/** Reads stored JSON over the defaults; unknown or malformed keys fall back to the default. */
export function readSettings<T extends object>(defaults: T, stored: string | null | undefined): T {
  if (!stored) return structuredClone(defaults);
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return structuredClone(defaults);
  }
  if (!parsed || typeof parsed !== 'object') return structuredClone(defaults);
  const result = structuredClone(defaults) as Record<string, unknown>;
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (!(key in result)) continue;
    const fallback = result[key];
    if (fallback && typeof fallback === 'object' && !Array.isArray(fallback)) {
      result[key] = readSettings(fallback as object, JSON.stringify(value));
    } else if (typeof value === typeof fallback) {
      result[key] = value;
    }
  }
  return result as T;
}
