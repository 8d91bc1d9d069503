/**
 * Activation letters as one PDF, one page per letter, with pdfmake 0.3 on the
 * server and its Roboto fonts (they carry Cyrillic). Fonts are read from disk;
 * every other file or URL is refused, so letter text can never pull anything in.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';

const require = createRequire(import.meta.url);

/** pdfmake (with pdfkit and fontkit) is loaded on the first letter, not at every server or CLI start. */
let printer: Promise<typeof import('pdfmake')> | null = null;
function pdfmake() {
  printer ??= import('pdfmake').then((module) => {
    const instance = ((module as { default?: unknown }).default ?? module) as typeof import('pdfmake');
    const robotoFonts = require('pdfmake/fonts/Roboto.js') as { Roboto: Record<string, string> };
    const fontDir = dirname(robotoFonts.Roboto.normal!);
    instance.setFonts(robotoFonts);
    instance.setUrlAccessPolicy(() => false);
    instance.setLocalAccessPolicy((path) => path.startsWith(fontDir));
    return instance;
  });
  return printer;
}

export interface Letter {
  /** Who the letter is for, as printed. */
  recipient: string;
  /** «ученик 5А» or «родитель: Иванов Пётр (5А)». */
  role: string;
  code: string;
  login: string | null;
  expiresOn: string;
}

export interface LetterTexts {
  schoolName: string;
  activateUrl: string;
  accessInstructions: string;
}

export async function lettersPdf(texts: LetterTexts, letters: Letter[]): Promise<Buffer> {
  const content: Content[] = letters.map((l, i) => ({
    stack: [
      { text: texts.schoolName, style: 'school' },
      { text: 'Доступ к электронному дневнику «Отметка»', style: 'title' },
      { text: l.recipient, style: 'recipient' },
      { text: l.role, margin: [0, 0, 0, 12] },
      {
        table: {
          widths: ['auto', '*'],
          body: [
            ['Адрес для активации', { text: texts.activateUrl, bold: true }],
            ['Код активации', { text: `${l.code.slice(0, 5)}-${l.code.slice(5)}`, style: 'code' }],
            ['Логин', l.login ?? 'вы придумаете его сами при активации (например, ваш e-mail)'],
            ['Код действует до', l.expiresOn],
          ],
        },
        layout: 'lightHorizontalLines',
        margin: [0, 0, 0, 12],
      },
      {
        ol: [
          `Откройте ${texts.activateUrl}`,
          'Введите код активации (большие или маленькие буквы — не важно).',
          'Придумайте пароль и сохраните его. Код одноразовый: после активации он больше не действует.',
        ],
        margin: [0, 0, 0, 12],
      },
      texts.accessInstructions ? { text: texts.accessInstructions, margin: [0, 0, 0, 12] } : { text: '' },
      { text: 'Не передавайте код другим людям. Если письмо потеряно, обратитесь к ответственному за ЭЖД в школе за новым кодом.', style: 'small' },
    ],
    ...(i < letters.length - 1 ? { pageBreak: 'after' as const } : {}),
  }));
  const doc: TDocumentDefinitions = {
    info: { title: `Письма активации — ${texts.schoolName}` },
    pageSize: 'A4',
    pageMargins: [50, 50, 50, 50],
    defaultStyle: { font: 'Roboto', fontSize: 11 },
    styles: {
      school: { fontSize: 10, color: '#444444', margin: [0, 0, 0, 6] },
      title: { fontSize: 16, bold: true, margin: [0, 0, 0, 12] },
      recipient: { fontSize: 14, bold: true },
      code: { fontSize: 16, bold: true, characterSpacing: 1 },
      small: { fontSize: 9, color: '#444444' },
    },
    content: content.length > 0 ? content : [{ text: 'Нет неактивированных учётных записей.' }],
  };
  return (await pdfmake()).createPdf(doc).getBuffer();
}
