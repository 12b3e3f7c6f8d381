import { Module } from '@nestjs/common';
import { MembersController } from './members.controller';
import { MembershipsController } from './memberships.controller';

/** Paths owned by member-data. */
@Module({ controllers: [MembersController, MembershipsController] })
export class MemberRoutesModule {}
