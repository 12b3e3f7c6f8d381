import type { MemberPassView } from '../member/member.views';
import type { Rpc } from '../rpc';

// Do not change the values: they are channel names on the Redis transport.
export const MemberPassesPatterns = {
  /** Internal: member-data asks pass-generation for a member's passes (GET /v1/members/{id}). */
  byMember: 'pass.passes.by-member',
} as const;

export interface MemberPassesRpcMap {
  [MemberPassesPatterns.byMember]: Rpc<{ member_id: string }, MemberPassView[]>;
}
