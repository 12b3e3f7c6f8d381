import { OutboxEvent } from '@wp/events';
import { CouponIssue } from './coupons/coupon-issue.entity';
import { Coupon } from './coupons/coupon.entity';
import { Member } from './members/member.entity';
import { MembershipProgramme } from './memberships/membership-programme.entity';
import { migrations } from './migrations';
import { PointTransaction } from './points/point-transaction.entity';

/** The member-data schema: its entities and the migrations that build them. */
export const memberDatabase = {
  schema: 'member',
  entities: [Member, PointTransaction, MembershipProgramme, Coupon, CouponIssue, OutboxEvent],
  migrations,
};
