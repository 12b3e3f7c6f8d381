import { Module } from '@nestjs/common';
import { outboxRelayProvider } from '@wp/events';
import { MemberContactsController } from './contacts/member-contacts.controller';
import { MemberContactsService } from './contacts/member-contacts.service';
import { CouponIssueSweeper } from './coupons/coupon-issue.sweeper';
import { CouponIssuesService } from './coupons/coupon-issues.service';
import { CouponsController } from './coupons/coupons.controller';
import { CouponsService } from './coupons/coupons.service';
import { StoredValueController } from './stored-value/stored-value.controller';
import { StoredValueService } from './stored-value/stored-value.service';
import { ImportExportController } from './import-export/import-export.controller';
import { MemberExportService } from './import-export/member-export.service';
import { MemberImportService } from './import-export/member-import.service';
import { MembersController } from './members/members.controller';
import { MembersService } from './members/members.service';
import { MembershipsController } from './memberships/memberships.controller';
import { MembershipsService } from './memberships/memberships.service';
import { RetierQueue } from './memberships/retier.queue';
import { RetierService } from './memberships/retier.service';
import { PointsController } from './points/points.controller';
import { PointsService } from './points/points.service';

@Module({
  controllers: [MembersController, PointsController, StoredValueController, CouponsController, MembershipsController, ImportExportController, MemberContactsController],
  providers: [
    MembersService,
    MemberContactsService,
    PointsService,
    StoredValueService,
    CouponsService,
    CouponIssuesService,
    CouponIssueSweeper,
    MemberImportService,
    MemberExportService,
    MembershipsService,
    RetierService,
    RetierQueue,
    outboxRelayProvider(),
  ],
})
export class MemberDataModule {}
