import { Injectable } from '@nestjs/common';
import { CallContext, DomainError, MemberPatterns, PassInternalPatterns, PassSummary, PassType, RegisterMemberDto } from '@wp/contracts';
import { RpcClient } from '@wp/messaging';
import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { EnrollmentForm } from './enrollment-form.entity';
import type { SignUp } from './sign-up-input';

// Upper case and digits without look-alikes: a member id may be read out at a till.
const ID_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const ID_LENGTH = 10;

export function newMemberId(): string {
  let id = 'M-';
  for (let i = 0; i < ID_LENGTH; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}

export interface Enrolled {
  memberId: string;
  /** The pass the Add to Wallet page shows (Apple when the form makes one; its page offers Google too). */
  passId: string;
}

/**
 * Turns an accepted sign-up into a member with passes, reusing what the tenant already has:
 * a member with the same e-mail or phone (however they were registered) and their active
 * passes. Two posts of the same person at once must not make two members or two passes,
 * so the lookup, the registration and the passes run under transaction-scoped Postgres
 * advisory locks on the person's contacts: the second post waits, then finds the first's
 * member and passes. Different people never wait for each other.
 */
@Injectable()
export class MemberEnrollment {
  constructor(
    private readonly db: DataSource,
    private readonly rpc: RpcClient,
  ) {}

  /** Null when the form's passes cannot be made now (e.g. Google credentials removed from a google-only form). */
  async enroll(call: CallContext, form: EnrollmentForm, signUp: SignUp): Promise<Enrolled | null> {
    const keys = contactKeys(form.tenantId, signUp);
    return this.db.transaction(async (tx) => {
      for (const key of keys) await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
      const memberId = await this.findOrRegister(call, form, signUp);
      const passes = await this.ensurePasses(call, memberId, form.passType === 'both' ? ['apple', 'google'] : [form.passType]);
      return passes.length ? { memberId, passId: passes[0].pass_id } : null;
    });
  }

  private async findOrRegister(call: CallContext, form: EnrollmentForm, signUp: SignUp): Promise<string> {
    const existing = await this.rpc.send(MemberPatterns.findByContact, call, { member_email: signUp.member_email, phone_number: signUp.phone_number });
    if (existing) return existing.member_id;
    const registration: RegisterMemberDto = { member_id: newMemberId(), ...signUp, ...(form.styleGroupId ? { style_group_id: form.styleGroupId } : {}) };
    try {
      return (await this.rpc.send(MemberPatterns.register, call, registration)).member_id;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // A style group deleted since the form was made: the member still joins, with the default look.
      if (error.code === 'not_found' && registration.style_group_id) return this.register(call, { ...registration, style_group_id: undefined });
      // 50 bits make a clash of generated ids vanishingly rare; one retry settles it.
      if (error.code === 'conflict') return this.register(call, { ...registration, member_id: newMemberId() });
      throw error;
    }
  }

  private async register(call: CallContext, registration: RegisterMemberDto): Promise<string> {
    return (await this.rpc.send(MemberPatterns.register, call, registration)).member_id;
  }

  /** The member's active pass of each type, made (channel `enrollment`) when missing; a type the tenant cannot issue is left out. */
  private async ensurePasses(call: CallContext, memberId: string, types: PassType[]): Promise<PassSummary[]> {
    const passes: PassSummary[] = [];
    for (const passType of types) {
      try {
        passes.push(await this.rpc.send(PassInternalPatterns.ensureMemberPass, call, { member_id: memberId, pass_type: passType, channel: 'enrollment' }));
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'unprocessable')) throw error;
      }
    }
    return passes;
  }
}

/** One lock per contact, in a fixed order so two posts sharing both contacts cannot deadlock. */
function contactKeys(tenantId: string, signUp: SignUp): string[] {
  const keys: string[] = [];
  if (signUp.member_email) keys.push(`enrollment:${tenantId}:email:${signUp.member_email.toLowerCase()}`);
  if (signUp.phone_number) keys.push(`enrollment:${tenantId}:phone:${signUp.phone_number}`);
  return keys.sort();
}
