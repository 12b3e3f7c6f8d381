import type { CreatePkpassOptions, PassFiles } from '../bundle/pkpass.builder';
import type { PassSigner } from '../cms/signer-material';

export interface SignRequest {
  id: number;
  files: PassFiles;
  signer: PassSigner;
  options: CreatePkpassOptions;
}

export type SignResponse =
  | { id: number; pkpass: Uint8Array }
  | { id: number; error: { name: string; message: string } };

export interface WorkerReady {
  ready: true;
}
