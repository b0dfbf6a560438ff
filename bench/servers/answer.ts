/**
 * What the bare baselines answer: a body of the same shape and size as the service's 201,
 * so the comparison is about the work between request and answer, not the bytes sent.
 */
export const ANSWER_BODY = { outcome: 'isolate_and_test', questionnaireVersion: 1 } as const;
export const ANSWER = JSON.stringify(ANSWER_BODY);

export const REPORTS_PATH = '/api/v1/reports';

/** The service's log line that says where it listens; the bench reads the port from it. */
export function announceListening(port: number): void {
  process.stdout.write(`${JSON.stringify({ msg: 'listening', port })}\n`);
}

export function portFromEnv(): number {
  return Number(process.env.PORT ?? 0);
}
