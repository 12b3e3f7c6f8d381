import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { PassFiles, PassSigner, PkpassSignerPool } from '@wp/pkpass';
import { CONFIG } from '@wp/service-runtime';
import type { PassGenerationConfig } from '../tokens';

/** Signs bundles on worker threads, so RSA never holds up the service's message handling. */
@Injectable()
export class BundleSigner implements OnModuleDestroy {
  private readonly pool: PkpassSignerPool;

  constructor(@Inject(CONFIG) config: PassGenerationConfig) {
    this.pool = new PkpassSignerPool({ size: config.PKPASS_SIGNER_THREADS });
  }

  sign(files: PassFiles, signer: PassSigner): Promise<Buffer> {
    return this.pool.sign(files, signer);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.close();
  }
}
