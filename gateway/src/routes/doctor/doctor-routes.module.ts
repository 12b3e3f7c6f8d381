import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { DoctorController } from './doctor.controller';
import { registerPkpassBodyParser } from './pkpass-body.parser';

/** /v1/doctor/pkpass (owned by pass generation) and /v1/doctor/tenant (tenant management). */
@Module({ controllers: [DoctorController] })
export class DoctorRoutesModule implements OnModuleInit {
  constructor(private readonly adapter: HttpAdapterHost) {}

  onModuleInit(): void {
    // Runs at application init, before Fastify is ready, which is when parsers may be added.
    registerPkpassBodyParser(this.adapter.httpAdapter.getInstance<FastifyInstance>());
  }
}
