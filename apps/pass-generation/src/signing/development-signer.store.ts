import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { SecretBox } from '@wp/crypto';
import { DevelopmentSigner, generateDevelopmentSigner } from '@wp/pkpass';
import { LOGGER } from '@wp/service-runtime';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { PlatformSigner } from './platform-signer.entity';

const NAME = 'development';
/** Associated data: the sealed signer opens only as this row, not pasted into another secret's place. */
export const DEVELOPMENT_SIGNER_AAD = 'pass:platform-signer:development';

/**
 * The platform's development signer, for tenants without an Apple certificate. Made at the
 * first start of the first replica and stored sealed; every later start (and every other
 * replica) opens the same one, so development passes keep verifying against one CA.
 */
@Injectable()
export class DevelopmentSignerStore implements OnModuleInit {
  private signer?: DevelopmentSigner;

  constructor(
    private readonly db: DataSource,
    private readonly box: SecretBox,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    const repo = this.db.getRepository(PlatformSigner);
    let row = await repo.findOneBy({ name: NAME });
    if (!row) {
      const made = generateDevelopmentSigner();
      // Replicas may race at first start: the first insert wins and everyone reads it back.
      await repo
        .createQueryBuilder()
        .insert()
        .values({ name: NAME, sealedSecret: this.box.seal(JSON.stringify(made), DEVELOPMENT_SIGNER_AAD), keyId: this.box.keyId })
        .orIgnore()
        .execute();
      row = await repo.findOneByOrFail({ name: NAME });
      this.logger.info('development pass signer ready');
    }
    try {
      this.signer = JSON.parse(this.box.openText(row.sealedSecret, DEVELOPMENT_SIGNER_AAD)) as DevelopmentSigner;
    } catch {
      // Sealed under a master key this process no longer has: the development certificate is
      // only a stand-in, so a new one replaces it rather than keeping the service down.
      const made = generateDevelopmentSigner();
      await repo.update({ name: NAME }, { sealedSecret: this.box.seal(JSON.stringify(made), DEVELOPMENT_SIGNER_AAD), keyId: this.box.keyId });
      this.logger.warn('the development pass signer could not be opened with the current MASTER_KEY; a new one replaced it');
      this.signer = made;
    }
  }

  get(): DevelopmentSigner {
    if (!this.signer) throw new Error('the development signer is not loaded yet');
    return this.signer;
  }
}
