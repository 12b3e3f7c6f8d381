import { Module } from '@nestjs/common';
import { EnrollmentFormsController } from './enrollment-forms.controller';
import { EnrollmentPageController } from './enrollment-page.controller';

/** Enrollment paths owned by notification: /v1/enrollment-forms*, /e/{slug}. */
@Module({ controllers: [EnrollmentFormsController, EnrollmentPageController] })
export class EnrollmentRoutesModule {}
