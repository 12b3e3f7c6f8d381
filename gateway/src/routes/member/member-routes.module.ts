import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { registerCsvBodyParser } from './csv-body.parser';
import { MemberTransferController } from './member-transfer.controller';
import { MemberBalanceController } from './member-balance.controller';
import { MembersController } from './members.controller';
import { MembershipsController } from './memberships.controller';

/** Paths owned by member-data. */
@Module({ controllers: [MemberTransferController, MembersController, MemberBalanceController, MembershipsController] })
export class MemberRoutesModule implements OnModuleInit {
  constructor(private readonly adapter: HttpAdapterHost) {}

  onModuleInit(): void {
    // Runs at application init, before Fastify is ready, which is when parsers may be added.
    registerCsvBodyParser(this.adapter.httpAdapter.getInstance<FastifyInstance>());
  }
}
