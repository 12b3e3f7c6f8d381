import Piscina from 'piscina';
import { CreatePkpassOptions, PassFiles, PassSigner, createPkpass } from '@wp/pkpass';

/**
 * The same signing as libs/pkpass's pkpass-signer.worker, as a piscina task: `npm run bench
 * -- pkpass` runs both pools side by side (PkpassSignerPool says which one the service uses).
 */
export default function signTask(request: { files: PassFiles; signer: PassSigner; options: CreatePkpassOptions }): Uint8Array {
  const pkpass = createPkpass(request.files, request.signer, request.options);
  // The zip owns its ArrayBuffer, so it moves to the caller without a copy.
  return pkpass.byteOffset === 0 && pkpass.byteLength === pkpass.buffer.byteLength ? (Piscina.move(pkpass) as Uint8Array) : pkpass;
}
