import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { accounts } from '../features/accounts/i18n';
import { imports } from '../features/imports/i18n';
import { diary } from '../features/diary/i18n';
import { control } from '../features/control/i18n';
import { reports } from '../features/reports/i18n';
import { journal } from '../features/journal/i18n';
import { monitoring } from '../features/monitoring/i18n';
import { nav } from '../features/navigation-i18n';
import { people } from '../features/people/i18n';
import { schoolSetup } from '../features/school-setup/i18n';
import { backup } from '../features/backup/i18n';
import { structure } from '../features/structure/i18n';
import { common } from './common';
import { errors } from './errors';

/** Every feature's texts, in Russian (default) and English, under its own key. */
const namespaces = {
  common,
  errors,
  nav,
  structure,
  accounts,
  people,
  schoolSetup,
  imports,
  journal,
  backup,
  monitoring,
  diary,
  control,
  reports,
};

type Lang = 'ru' | 'en';
function resourcesFor(lang: Lang) {
  return Object.fromEntries(Object.entries(namespaces).map(([key, value]) => [key, value[lang]]));
}

export const LANG_KEY = 'otmetka.lang';

export function initialLanguage(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'ru';
  } catch {
    return 'ru';
  }
}

void i18n.use(initReactI18next).init({
  resources: { ru: { translation: resourcesFor('ru') }, en: { translation: resourcesFor('en') } },
  lng: initialLanguage(),
  fallbackLng: 'ru',
  interpolation: { escapeValue: false },
  returnObjects: true,
});

i18n.on('languageChanged', (lang) => {
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
});

export default i18n;
