import { measureImport } from '../import.bench.js';
import type { Scenario } from '../lib/env.js';
import { fmt } from '../lib/results.js';

const ROWS = 100_000;

/**
 * Import of 100 000 pupil rows with two guardians each (issue 4), in this
 * process on a fresh database (a school's file, not the region dataset):
 * the dry run, the real all-or-nothing run, and a re-import that changes nothing.
 */
export const importScenario: Scenario = {
  name: 'import',
  async run(env) {
    env.log(`import of ${ROWS} rows…`);
    const f = await measureImport(ROWS);
    return [
      {
        scenario: `import of ${ROWS.toLocaleString('en')} pupil rows (real run)`,
        measured: fmt.s(f.realS * 1000),
        target: '≤ 15 s',
        verdict: f.realS <= 15 ? 'met' : 'missed',
        note: `${f.result.created} pupils, ${f.result.guardiansCreated} guardians, ${f.result.accountsCreated} accounts; dry run ${fmt.s(f.dryS * 1000)}; re-import ${fmt.s(f.rerunS * 1000)} (${f.unchangedOnRerun} unchanged)`,
      },
    ];
  },
};
