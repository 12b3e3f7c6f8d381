import type { MemberSnapshot, MemberView } from '@wp/contracts';
import type { Member } from './member.entity';

export function memberView(member: Member): MemberView {
  return {
    id: member.id,
    member_id: member.memberId,
    member_name: member.memberName,
    member_email: member.memberEmail,
    phone_number: member.phoneNumber,
    style_group_id: member.styleGroupId,
    points: member.points,
    tier: member.tier,
    balance: member.balance,
    created_at: member.createdAt.toISOString(),
    updated_at: member.updatedAt.toISOString(),
  };
}

export function memberSnapshot(member: Member): MemberSnapshot {
  const { created_at: _created, updated_at: _updated, ...fields } = memberView(member);
  return { ...fields, version: member.version };
}
