// The password-quality thread: loads the dictionaries once and answers one assessment per message.
import { parentPort } from 'node:worker_threads';
import { assessPassword } from './assess-password.ts';

export type QualityRequest = { id: number; password: string; userInputs: string[] };
export type QualityReply = { id: number; assessment: ReturnType<typeof assessPassword> } | { id: number; failure: string };

const port = parentPort;
if (!port) throw new Error('password-quality-thread.ts runs as a worker thread');
port.on('message', (request: QualityRequest) => {
  try {
    port.postMessage({ id: request.id, assessment: assessPassword(request.password, request.userInputs) } satisfies QualityReply);
  } catch (err) {
    port.postMessage({ id: request.id, failure: err instanceof Error ? err.message : String(err) } satisfies QualityReply);
  }
});
