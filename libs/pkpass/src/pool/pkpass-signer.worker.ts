import { parentPort } from 'node:worker_threads';
import { createPkpass } from '../bundle/pkpass.builder';
import type { SignRequest, SignResponse, WorkerReady } from './pool-messages';

// Worker entry of PkpassSignerPool: signs one bundle per message, in arrival order.
const port = parentPort;
if (!port) throw new Error('pkpass-signer.worker must run inside a worker thread');

port.on('message', (request: SignRequest) => {
  let response: SignResponse;
  let transfer: ArrayBuffer[] = [];
  try {
    const pkpass = createPkpass(request.files, request.signer, request.options);
    response = { id: request.id, pkpass };
    // The zip owns its ArrayBuffer (allocUnsafeSlow), so it moves to the parent without a copy.
    if (pkpass.byteOffset === 0 && pkpass.byteLength === pkpass.buffer.byteLength) transfer = [pkpass.buffer as ArrayBuffer];
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error));
    response = { id: request.id, error: { name, message } };
  }
  port.postMessage(response, transfer);
});

port.postMessage({ ready: true } satisfies WorkerReady);
