/** Password policy shared by the server and the console. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = 'too_short' | 'too_long' | 'needs_letter_and_digit' | 'same_as_username';

export function checkPassword(password: string, username?: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (password.length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) problems.push('needs_letter_and_digit');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('same_as_username');
  return problems;
}
