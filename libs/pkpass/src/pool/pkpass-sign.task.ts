import Piscina from 'piscina';
import { createPkpass } from '../bundle/pkpass.builder';
import type { SignRequest } from './pool-messages';

/**
 * The same signing as pkpass-signer.worker, as a piscina task: `npm run bench -- pkpass`
 * runs both pools side by side (see PkpassSignerPool for which one the service uses).
 */
export default function signTask(request: Omit<SignRequest, 'id'>): Uint8Array {
  const pkpass = createPkpass(request.files, request.signer, request.options);
  // The zip owns its ArrayBuffer, so it moves to the caller without a copy.
  return pkpass.byteOffset === 0 && pkpass.byteLength === pkpass.buffer.byteLength ? (Piscina.move(pkpass) as Uint8Array) : pkpass;
}
