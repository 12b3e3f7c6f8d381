import type { DistributionChannel } from '@wp/contracts';
import type { EntityManager } from 'typeorm';

/**
 * Remembers the channel a pass last went out through (hosted page, SMS link, API download),
 * so the device registration that follows the download is attributed to it in insights.
 * A repeat through the same channel writes nothing.
 */
export async function recordDistribution(manager: EntityManager, passId: string, channel: DistributionChannel): Promise<void> {
  await manager.query(
    'UPDATE pass.passes SET distribution_channel = $2 WHERE id = $1 AND distribution_channel IS DISTINCT FROM $2',
    [passId, channel],
  );
}
