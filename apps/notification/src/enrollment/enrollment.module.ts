import { Module } from '@nestjs/common';
import { DistributionModule } from '../distribution/distribution.module';
import { EnrollmentController } from './enrollment.controller';
import { EnrollmentFormsService } from './enrollment-forms.service';
import { EnrollmentPageService } from './enrollment-page.service';
import { MemberEnrollment } from './member-enrollment';

/** Enrollment forms: public sign-up pages that register members and lead to their Add to Wallet page. */
@Module({
  imports: [DistributionModule],
  controllers: [EnrollmentController],
  providers: [EnrollmentFormsService, EnrollmentPageService, MemberEnrollment],
})
export class EnrollmentModule {}
