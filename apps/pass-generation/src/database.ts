import { OutboxEvent, ProcessedEvent } from '@wp/events';
import { DeviceRegistration } from './apple-web-service/device-registration.entity';
import { Asset } from './assets/asset.entity';
import { BatchOperation } from './batch/batch-operation.entity';
import { Batch } from './batch/batch.entity';
import { GoogleClass } from './google/google-class.entity';
import { migrations } from './migrations';
import { PassBundle } from './passes/pass-bundle.entity';
import { Pass } from './passes/pass.entity';
import { Scan } from './scanning/scan.entity';
import { PlatformSigner } from './signing/platform-signer.entity';
import { PassStyle } from './styles/pass-style.entity';
import { StyleGroup } from './style-groups/style-group.entity';
import { PassTraceEntry } from './trace/pass-trace-entry.entity';

/** The pass-generation schema: its entities and the migrations that build them. */
export const passDatabase = {
  schema: 'pass',
  entities: [PassStyle, StyleGroup, Asset, Pass, PassBundle, DeviceRegistration, PlatformSigner, GoogleClass, Batch, BatchOperation, Scan, OutboxEvent, ProcessedEvent, PassTraceEntry],
  migrations,
};

/** Every pass change takes the next value: a monotonic tag for Apple's "updated since" list. */
export const UPDATE_TAG_SEQUENCE = 'pass.pass_update_tag_seq';
