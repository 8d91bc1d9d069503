import { describe, expect, it } from 'vitest';
import { LOGIN_PATTERN, passwordProblem } from './password-policy.js';

describe('password policy', () => {
  it('refuses short, common, login-based and keyboard-run passwords', () => {
    expect(passwordProblem('short1')).toBe('too_short');
    expect(passwordProblem('password1')).toBe('common');
    expect(passwordProblem('QWERTYUIOP')).toBe('common');
    expect(passwordProblem('йцукенгш')).toBe('common');
    expect(passwordProblem('ivanov-2026!', 'ivanov')).toBe('contains_login');
    expect(passwordProblem('aaaaaaaaab')).toBe('repetitive');
    expect(passwordProblem('asdfghjk')).toBe('common');
    expect(passwordProblem('lkjhgfdsa')).toBe('repetitive');
  });

  it('accepts a reasonable passphrase', () => {
    expect(passwordProblem('otmetka-demo')).toBeNull();
    expect(passwordProblem('Синий трактор 7')).toBeNull();
  });

  it('logins: Latin letters, digits, dot, hyphen, underscore', () => {
    expect(LOGIN_PATTERN.test('ivanova.m')).toBe(true);
    expect(LOGIN_PATTERN.test('ab')).toBe(false);
    expect(LOGIN_PATTERN.test('иванова')).toBe(false);
    expect(LOGIN_PATTERN.test('-start')).toBe(false);
  });
});
