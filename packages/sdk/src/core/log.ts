// Levelled logging through an injectable logger. Callers pass only redacted data.

export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

/** Anything with console's four methods, e.g. console itself, pino or winston. */
export interface Logger {
  error(message: string, data?: object): void;
  warn(message: string, data?: object): void;
  info(message: string, data?: object): void;
  debug(message: string, data?: object): void;
}

const RANK: Record<LogLevel, number> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

function levelFromEnvironment(): LogLevel | undefined {
  const value = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.AKINAI_LOG;
  return value && value in RANK ? (value as LogLevel) : undefined;
}

/** A logger at its level; `debugging` lets hot paths skip building debug lines nobody will see. */
export type Log = Logger & { debugging: boolean };

/** A logger that drops what is below `level` (default: $AKINAI_LOG, else `warn`). */
export function createLog(logger: Logger = console, level?: LogLevel): Log {
  const threshold = RANK[level ?? levelFromEnvironment() ?? 'warn'];
  const at = (name: Exclude<LogLevel, 'off'>) =>
    RANK[name] <= threshold
      ? (message: string, data?: object) =>
          data === undefined ? logger[name](`[akinai] ${message}`) : logger[name](`[akinai] ${message}`, data)
      : () => {};
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug'), debugging: threshold >= RANK.debug };
}
