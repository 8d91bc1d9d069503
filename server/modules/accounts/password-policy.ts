/**
 * What a password must be: at least 8 characters, not one of the passwords
 * people choose most often (the top of public breach lists, in Latin and in the
 * Russian keyboard's habits), not the login, not a run of one character or of
 * the keyboard. Returns the reason, or null when the password is acceptable.
 */
export const MIN_PASSWORD_LENGTH = 8;

const COMMON = new Set(
  [
    '12345678', '123456789', '1234567890', '12345678910', '11111111', '00000000', '88888888', '87654321', '11223344',
    '12341234', '123123123', '123321123', '1q2w3e4r', '1q2w3e4r5t', '1qaz2wsx', 'qwertyui', 'qwertyuiop', 'qwerty123',
    'qwerty12', 'qwe123qwe', 'asdfghjk', 'asdfghjkl', 'zxcvbnm1', 'zxcvbnmm', 'password', 'password1', 'password123',
    'passw0rd', 'p@ssw0rd', 'iloveyou', 'sunshine', 'princess', 'football', 'baseball', 'welcome1', 'superman',
    'trustno1', 'starwars', 'whatever', 'computer', 'internet', 'michael1', 'jennifer', 'dragon12', 'monkey12',
    'letmein1', 'abc12345', 'abcd1234', 'aa123456', 'a1234567', 'q1w2e3r4', 'q1w2e3r4t5', 'zaq12wsx', 'qazwsxedc',
    '1234qwer', 'qwer1234', 'master12', 'shadow12', 'pass1234', 'admin123', 'administrator', 'changeme', 'default1',
    'ytrewq12', 'йцукенгш', 'йцукен123', 'пароль12', 'пароль123', 'parol123', 'privet123', 'marina123', 'natasha1',
    'svetlana', 'tatyana1', 'nikita123', 'maksim123', 'dima1234', 'sasha123', 'andrey123', 'alexander', 'alexandr',
    'vladimir', 'ekaterina', 'anastasia', 'kristina', 'zabaykalsky', 'chita2026', 'school123', 'shkola123',
    'dnevnik1', 'dnevnik123', 'otmetka1', 'otmetka123', 'uchitel1', 'ucheniki', '19841984', '20202020', '20262026',
  ].map((p) => p.toLowerCase()),
);

const KEYBOARD_ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'йцукенгшщзхъ', 'фывапролджэ', 'ячсмитьбю'];

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_login' | 'repetitive';

export function passwordProblem(password: string, login?: string | null): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (password.length > 200) return 'too_long';
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'common';
  if (login && login.length >= 3 && lower.includes(login.toLowerCase())) return 'contains_login';
  if (new Set(lower).size <= 2) return 'repetitive';
  if (KEYBOARD_ROWS.some((row) => row.includes(lower) || [...row].reverse().join('').includes(lower))) return 'repetitive';
  return null;
}

/** Logins are lower-case Latin letters, digits, dot, hyphen and underscore, 3–40 characters. */
export const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._-]{2,39}$/;

export function normalizeLogin(input: string): string {
  return input.trim().toLowerCase();
}
