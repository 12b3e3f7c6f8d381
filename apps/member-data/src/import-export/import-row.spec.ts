import { readImportRow } from './import-row';

const row = (cells: Record<string, string>) => readImportRow({ index: 0, line: 2, cells });

describe('readImportRow', () => {
  test('a full row becomes a record; style group ids are lower-cased', () => {
    expect(
      row({ member_id: 'M-1', member_name: 'Zoë Ångström', member_email: 'z@example.com', phone_number: '+14155550123', style_group_id: 'A1B2C3D4-0000-4000-8000-000000000000', points: '150' }),
    ).toEqual({
      record: {
        index: 0,
        line: 2,
        memberId: 'M-1',
        points: 150,
        profile: { member_name: 'Zoë Ångström', member_email: 'z@example.com', phone_number: '+14155550123', style_group_id: 'a1b2c3d4-0000-4000-8000-000000000000' },
      },
    });
  });

  test('an empty cell clears its field; a missing column is left out', () => {
    expect(row({ member_id: 'M-1', member_name: '', points: '0' })).toEqual({ record: expect.objectContaining({ profile: { member_name: null }, points: 0 }) });
  });

  test('every bad field is named, in column order', () => {
    expect(row({ member_id: 'has space', member_email: 'nope', points: '-3' })).toEqual({
      error: 'member_id must be 1 to 64 letters, digits or . _ : @ + -; member_email must be an e-mail address; points must be a non-negative integer',
    });
    expect(row({ member_id: 'M', points: '' })).toEqual({ error: 'points must be a non-negative integer' });
    expect(row({ member_id: 'M', points: '1.5' })).toEqual({ error: 'points must be a non-negative integer' });
    expect(row({ member_id: 'M', points: '99999999999' })).toEqual({ error: 'points must be a non-negative integer' });
    expect(row({ member_id: 'M', points: '1000000001' })).toEqual({ error: 'points must be at most 1000000000' });
    expect(row({ member_id: 'M', phone_number: '555', points: '1' })).toEqual({ error: 'phone_number must be an E.164 phone number such as +14155550123' });
  });

  test('without a points column the balance is left alone; an empty points cell is an error', () => {
    expect(row({ member_id: 'M-1' })).toEqual({ record: expect.objectContaining({ points: undefined }) });
    expect(row({ member_id: 'M-1', points: '' })).toEqual({ error: 'points must be a non-negative integer' });
  });

  test('text no database column can hold is refused', () => {
    expect(row({ member_id: 'M', member_name: 'a\u0000b', points: '1' })).toEqual({ error: 'member_name must not contain U+0000' });
  });
});
