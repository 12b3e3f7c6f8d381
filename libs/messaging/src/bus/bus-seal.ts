import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Seals every message on the bus (requests and answers) with AES-256-GCM under a key derived
 * from the fleet's master key. Anyone who can reach Redis (a MONITOR, a PSUBSCRIBE, a stolen
 * ACL password of another application) sees only ciphertext, and cannot forge a request:
 * without the key a message fails to open and is dropped. The Redis key the message is
 * written to is the associated data, so a request copied onto another service's stream or an
 * answer pushed to another caller's list does not open either. Replays are bounded by the
 * deadline inside the sealed envelope and by the call's fate key (see call-fate).
 */
export class BusSeal {
  private constructor(private readonly key: Buffer) {}

  /** One key per fleet namespace: fleets sharing a master key still cannot talk across. */
  static derive(masterKey: Buffer, namespace: string): BusSeal {
    return new BusSeal(Buffer.from(hkdfSync('sha256', masterKey, Buffer.from(namespace, 'utf8'), Buffer.from('wp-bus-v1', 'utf8'), 32)));
  }

  seal(plaintext: string, redisKey: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(redisKey, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  /** The plaintext, or undefined when the message was not sealed by this fleet for this key. */
  open(sealed: Buffer, redisKey: string): string | undefined {
    if (sealed.length < 28) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, 12));
      decipher.setAAD(Buffer.from(redisKey, 'utf8'));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}
