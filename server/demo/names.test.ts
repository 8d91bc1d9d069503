import { describe, expect, it } from 'vitest';
import { femaleSurname, patronymic } from './names.js';

describe('Russian name forms', () => {
  it('makes patronymics', () => {
    expect(patronymic('Юрий', false)).toBe('Юрьевич');
    expect(patronymic('Юрий', true)).toBe('Юрьевна');
    expect(patronymic('Сергей', true)).toBe('Сергеевна');
    expect(patronymic('Николай', false)).toBe('Николаевич');
    expect(patronymic('Иван', true)).toBe('Ивановна');
  });
  it('makes female surnames', () => {
    expect(femaleSurname('Иванов')).toBe('Иванова');
    expect(femaleSurname('Ильин')).toBe('Ильина');
    expect(femaleSurname('Дашиев')).toBe('Дашиева');
  });
});
