import type { ArgumentMetadata } from '@nestjs/common';
import { DomainError, SendPassSmsDto, SendPassSmsQueryDto } from '@wp/contracts';
import { contractValidationPipe } from '../../core/validation.pipe';

const pipe = contractValidationPipe();
const body: ArgumentMetadata = { type: 'body', metatype: SendPassSmsDto };
const query: ArgumentMetadata = { type: 'query', metatype: SendPassSmsQueryDto };

async function errorsOf(value: unknown, metadata = body): Promise<Array<{ field: string; message: string }>> {
  try {
    await pipe.transform(value, metadata);
    return [];
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return error.errors ?? [];
  }
}

describe('POST /v1/distribution/send-pass-sms validation', () => {
  it("accepts the seed's bodies verbatim, by pass_id and by member_id", async () => {
    expect(await errorsOf({ pass_id: 'pass-uuid', phone_number: '+1234567890' })).toEqual([]);
    expect(await errorsOf({ member_id: 'MEMBER-001', phone_number: '+1234567890' })).toEqual([]);
    expect(await errorsOf({ dry_run: '1' }, query)).toEqual([]);
  });

  it('wants exactly one of pass_id and member_id', async () => {
    expect(await errorsOf({ phone_number: '+14155550123' })).toEqual([{ field: 'pass_id', message: 'give pass_id or member_id' }]);
    expect(await errorsOf({ pass_id: 'p', member_id: 'M', phone_number: '+14155550123' })).toEqual([{ field: 'pass_id', message: 'give pass_id or member_id, not both' }]);
  });

  it.each(['4155550123', '+0123456789', '+1 415 555 0123', '+1415555012345678', '', 14155550123])('refuses the phone number %p (E.164 only)', async (phone) => {
    expect(await errorsOf({ member_id: 'M-1', phone_number: phone })).toEqual([{ field: 'phone_number', message: expect.stringContaining('E.164') }]);
  });

  it('refuses unknown fields and a dry_run that is not 1 or 0', async () => {
    expect(await errorsOf({ member_id: 'M-1', phone_number: '+14155550123', message: 'hi' })).toEqual([{ field: 'message', message: 'is not an allowed field' }]);
    expect(await errorsOf({ dry_run: 'yes' }, query)).toEqual([{ field: 'dry_run', message: 'must be 1 or 0' }]);
  });
});
