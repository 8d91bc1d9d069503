import type { AppContext } from '../context.js';
import { systemActor } from '../policy/actor.js';
import * as structure from '../modules/structure/structure.service.js';
import { municipalityNames, villageStems } from './names.js';
import type { DemoRegion, DemoSchool } from './plan.js';
import type { Random } from './random.js';

/** Reference region (design.md): 35 municipalities, 600 schools. The demo never goes below 3 and 3. */
export function structureSizes(scale: number): { municipalities: number; schools: number } {
  const municipalities = Math.min(35, Math.max(3, Math.round(35 * scale)));
  const schools = Math.max(municipalities, Math.round(600 * scale));
  return { municipalities, schools };
}

const ACCESS_TEXT =
  'Электронный дневник ведётся в системе «Отметка». Классный руководитель выдаёт каждому ученику и родителю ' +
  'письмо с кодом активации. Откройте страницу активации, введите код, придумайте логин и пароль. ' +
  'Код действует 60 дней; если он потерян, обратитесь к ответственному за ЭЖД в школе.';

export async function generateStructure(ctx: AppContext, rnd: Random, scale: number): Promise<DemoRegion> {
  const sizes = structureSizes(scale);
  const region = await structure.createRegion(ctx, systemActor, { name: 'Забайкальский край', code: '75', timeZone: ctx.config.timeZone });
  const municipalities: DemoRegion['municipalities'] = [];
  for (let i = 0; i < sizes.municipalities; i++) {
    const name = municipalityNames[i]!;
    const m = await structure.createMunicipality(ctx, systemActor, region.id, { name, shortName: name.replace(/ район$/, '') });
    municipalities.push({ id: m.id, name, schools: [] });
  }
  // The city gets a larger share of schools, as in the real region.
  const usedNames = new Set<string>();
  for (let i = 0; i < sizes.schools; i++) {
    const mIndex = i < sizes.municipalities ? i : rnd.chance(0.3) ? 0 : rnd.int(0, sizes.municipalities - 1);
    const m = municipalities[mIndex]!;
    const urban = m.name.startsWith('Город') || m.name.startsWith('ЗАТО') || m.name.startsWith('Посёлок');
    let name = '';
    let shortName = '';
    for (let attempt = 0; !name || usedNames.has(`${m.id}:${name}`); attempt++) {
      if (urban) {
        const n = m.schools.length + 1 + attempt;
        name = `МБОУ «Средняя общеобразовательная школа № ${n}»`;
        shortName = `СОШ № ${n}`;
      } else {
        const stem = rnd.pick(villageStems);
        const kind = rnd.chance(0.75) ? 'средняя' : 'основная';
        name = `МОУ «${stem} ${kind} общеобразовательная школа»`;
        shortName = `${stem} ${kind === 'средняя' ? 'СОШ' : 'ООШ'}`;
      }
    }
    usedNames.add(`${m.id}:${name}`);
    const school = await structure.createSchool(ctx, systemActor, m.id, {
      name,
      shortName,
      address: urban ? `${m.name.replace('Город ', 'г. ')}, ул. Ленина, ${rnd.int(1, 150)}` : `${m.name}, с. ${shortName.split(' ')[0]}`,
    });
    await structure.updateSchool(ctx, systemActor, school.id, { accessInstructions: ACCESS_TEXT });
    // Sized so that 600 schools hold about 130 000 pupils, as in the reference region.
    const size = urban ? rnd.int(250, 600) : rnd.int(25, 160);
    const demoSchool: DemoSchool = { id: school.id, name, shortName, municipalityId: m.id, urban, size, staff: [], students: [] };
    m.schools.push(demoSchool);
  }
  return { id: region.id, name: region.name, municipalities };
}
