import { vi } from 'vitest';

/** Captures what a command prints (stdout and stderr, in order) until vi.restoreAllMocks(). */
export function captureConsole(): () => string {
  const lines: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a) => void lines.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a) => void lines.push(a.join(' ')));
  return () => lines.join('\n');
}
