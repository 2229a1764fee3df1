import pino from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs on stdout; the HTTP layer adds the request id to each line. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'], censor: '[redacted]' },
  });
}
