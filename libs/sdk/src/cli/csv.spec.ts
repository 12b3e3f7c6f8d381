import { readMembers } from './commands';
import { parseCsv, toCsv } from './csv';

describe('CSV', () => {
  it('round-trips commas, quotes and line breaks', () => {
    const fields = ['M-1', 'Doe, Jane', 'say "hi"', 'two\nlines', '', null];
    expect(parseCsv(toCsv(fields))).toEqual([['M-1', 'Doe, Jane', 'say "hi"', 'two\nlines', '', '']]);
  });

  it('reads members from CSV with a header (unknown columns and empty cells left out) or from JSON lines', () => {
    const csv = 'member_id,member_name,points,phone_number\r\nM-1,"Doe, Jane",5,\r\nM-2,Bob,,+14155550123\r\n';
    expect(readMembers(csv)).toEqual([
      { member_id: 'M-1', member_name: 'Doe, Jane' },
      { member_id: 'M-2', member_name: 'Bob', phone_number: '+14155550123' },
    ]);
    expect(readMembers('{"member_id":"M-1"}\n\n{"member_id":"M-2","member_name":"Bob"}\n')).toEqual([{ member_id: 'M-1' }, { member_id: 'M-2', member_name: 'Bob' }]);
    expect(readMembers('  ')).toEqual([]);
  });
});
