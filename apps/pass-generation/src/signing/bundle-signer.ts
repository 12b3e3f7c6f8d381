import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { PassFiles, PassSigner, PkpassSignerPool } from '@wp/pkpass';
import { inSpan, processMetrics } from '@wp/observability';
import { CONFIG } from '@wp/service-runtime';
import type { PassGenerationConfig } from '../tokens';

/** Signs bundles on worker threads, so RSA never holds up the service's message handling. */
@Injectable()
export class BundleSigner implements OnModuleDestroy {
  private readonly pool: PkpassSignerPool;

  constructor(@Inject(CONFIG) config: PassGenerationConfig) {
    this.pool = new PkpassSignerPool({ size: config.PKPASS_SIGNER_THREADS });
  }

  /** Timed into wp_pass_signing_duration_seconds, with a span on the pass's trace. */
  sign(files: PassFiles, signer: PassSigner): Promise<Buffer> {
    return inSpan('pkpass sign', {}, async () => {
      const stop = processMetrics().signing.startTimer();
      try {
        return await this.pool.sign(files, signer);
      } finally {
        stop();
      }
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.close();
  }
}
