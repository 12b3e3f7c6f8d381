import type { Page, PageQueryDto } from '../pagination';
import type { Rpc } from '../rpc';
import type { ApplyImportRows, ApplyImportRowsResult, ExportMembersPage, ExportedMembersPage } from './member-transfer';
import type { CreateMembershipDto, ListMembersQueryDto, RegisterMemberDto, UpdateMemberDto, UpdatePointsDto } from './member.dto';
import type {
  DeletedMemberView,
  MemberDetailView,
  MemberSnapshot,
  MemberView,
  MembershipView,
  PointTransactionView,
  PointsChangeView,
  MemberPassView,
} from './member.views';

// Do not change the values: they are channel names on the Redis transport.
export const MemberPatterns = {
  register: 'member.members.register',
  get: 'member.members.get',
  list: 'member.members.list',
  update: 'member.members.update',
  delete: 'member.members.delete',
  updatePoints: 'member.points.update',
  listTransactions: 'member.points.transactions',
  createMembership: 'member.memberships.create',
  getMembership: 'member.memberships.get',
  // Internal: for services that render or send to a member. The gateway never routes here.
  getSnapshot: 'member.internal.snapshot',
  /** Internal: pass-generation tells member-data a member's current pass list (GET member reads it locally). */
  recordPasses: 'member.internal.record-passes',
  /** One keyset page of GET /v1/members/export; the gateway streams the pages as CSV. */
  exportPage: 'member.members.export-page',
  /** Internal: pass-generation applies one chunk of a CSV import's rows (set-based, one transaction). */
  importRows: 'member.internal.import-rows',
  /** Internal: the active member with this e-mail (case-insensitive) or phone number, for enrollment forms. */
  findByContact: 'member.internal.find-by-contact',
  /** Internal: the ids of every live member with this e-mail (case-insensitive), for GET /v1/passes?email= and e-mail delivery. */
  findIdsByEmail: 'member.internal.ids-by-email',
} as const;

/** At most this many members answer one e-mail lookup (an e-mail names a person, not a segment). */
export const MAX_MEMBERS_PER_EMAIL = 100;

/** At least one of the two; the e-mail wins when both match different members. */
export interface MemberContact {
  member_email?: string;
  phone_number?: string;
}

/** A member's pass list as pass-generation read it at `as_of`; an older list never replaces a newer one. */
export interface RecordMemberPasses {
  member_uuid: string;
  passes: MemberPassView[];
  as_of: string;
}

export interface MemberKey {
  member_id: string;
}

export interface MemberRpcMap {
  [MemberPatterns.register]: Rpc<RegisterMemberDto, MemberView>;
  [MemberPatterns.get]: Rpc<MemberKey, MemberDetailView>;
  [MemberPatterns.list]: Rpc<ListMembersQueryDto, Page<MemberView>>;
  [MemberPatterns.update]: Rpc<MemberKey & UpdateMemberDto, MemberView>;
  [MemberPatterns.delete]: Rpc<MemberKey, DeletedMemberView>;
  [MemberPatterns.updatePoints]: Rpc<MemberKey & UpdatePointsDto, PointsChangeView>;
  [MemberPatterns.listTransactions]: Rpc<MemberKey & PageQueryDto, Page<PointTransactionView>>;
  [MemberPatterns.createMembership]: Rpc<CreateMembershipDto, MembershipView>;
  [MemberPatterns.getMembership]: Rpc<Record<string, never>, MembershipView>;
  [MemberPatterns.getSnapshot]: Rpc<MemberKey, MemberSnapshot>;
  [MemberPatterns.recordPasses]: Rpc<RecordMemberPasses, { recorded: boolean }>;
  [MemberPatterns.exportPage]: Rpc<ExportMembersPage, ExportedMembersPage>;
  [MemberPatterns.importRows]: Rpc<ApplyImportRows, ApplyImportRowsResult>;
  [MemberPatterns.findByContact]: Rpc<MemberContact, MemberView | null>;
  [MemberPatterns.findIdsByEmail]: Rpc<{ member_email: string }, { member_uuids: string[] }>;
}
