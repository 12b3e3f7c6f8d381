import type { MemberPassView, PassSummary, PassView } from '@wp/contracts';
import type { Pass } from './pass.entity';

export const downloadPath = (pass: Pick<Pass, 'id'>) => `/v1/passes/${pass.id}/download`;

/** Apple: the absolute .pkpass URL; Google: the save link. */
export function passUrl(pass: Pass, publicBaseUrl: string): string {
  return pass.passType === 'google' ? (pass.googleSaveUrl ?? `${publicBaseUrl}${downloadPath(pass)}`) : `${publicBaseUrl}${downloadPath(pass)}`;
}

export function passView(pass: Pass, publicBaseUrl: string): PassView {
  return {
    pass_id: pass.id,
    member_id: pass.memberId,
    pass_type: pass.passType,
    kind: pass.kind,
    status: pass.status,
    serial_number: pass.serialNumber,
    tags: [...(pass.tags ?? [])],
    version: pass.version,
    signing: pass.signing,
    pass_style_id: pass.renderedStyleId,
    style_group_id: pass.memberStyleGroupId ?? pass.styleGroupId,
    points: pass.points,
    tier: pass.tier,
    pass_url: passUrl(pass, publicBaseUrl),
    download_url: downloadPath(pass),
    expiration_date: pass.expirationDate ? pass.expirationDate.toISOString() : null,
    external_id: pass.externalId,
    coupon_id: pass.couponId,
    redeemed_at: pass.redeemedAt ? pass.redeemedAt.toISOString() : null,
    google_object_id: pass.googleObjectId,
    content: structuredClone(pass.content ?? {}),
    created_at: pass.createdAt.toISOString(),
    updated_at: pass.updatedAt.toISOString(),
  };
}

export function passSummary(pass: Pass, publicBaseUrl: string): PassSummary {
  return {
    pass_id: pass.id,
    pass_type: pass.passType,
    member_id: pass.memberId,
    status: pass.status,
    serial_number: pass.serialNumber,
    created_at: pass.createdAt.toISOString(),
    download_url: downloadPath(pass),
    pass_url: passUrl(pass, publicBaseUrl),
  };
}

export function memberPassView(pass: Pass, publicBaseUrl: string): MemberPassView {
  const url = passUrl(pass, publicBaseUrl);
  return {
    pass_id: pass.id,
    pass_type: pass.passType,
    status: pass.status,
    url,
    ...(pass.passType === 'google' ? { pass_url: url } : {}),
    created_at: pass.createdAt.toISOString(),
  };
}
