import { parse } from 'csv-parse/sync';
import { importCsv } from './commands';

describe('importCsv', () => {
  it('sends CSV as it is', () => {
    const csv = 'member_id,member_name\r\nM-1,"Doe, Jane"\r\n';
    expect(importCsv(csv)).toBe(csv);
  });

  it('turns JSON lines into CSV with a header, quoting what needs it', () => {
    const csv = importCsv('{"member_id":"M-1","member_name":"Doe, \\"J\\""}\n\n{"member_id":"M-2","points":5}\n');
    expect(parse(csv, { columns: true })).toEqual([
      { member_id: 'M-1', member_name: 'Doe, "J"', member_email: '', phone_number: '', points: '' },
      { member_id: 'M-2', member_name: '', member_email: '', phone_number: '', points: '5' },
    ]);
  });
});
