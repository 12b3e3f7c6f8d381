import { RegisteredPass, parseUpdatedSince, selectUpdated } from './updated-serials';

const pass = (id: string, updateTag: number, listedTag: number | null = null): RegisteredPass => ({
  passId: id,
  serialNumber: `serial-${id}`,
  updateTag: String(updateTag),
  listedTag: listedTag === null ? null : String(listedTag),
});

describe('selectUpdated', () => {
  it('without a tag lists every pass of the device, with the highest tag as lastUpdated', () => {
    const selection = selectUpdated([pass('a', 5), pass('b', 9)], null);
    expect(selection.serialNumbers).toEqual(['serial-a', 'serial-b']);
    expect(selection.lastUpdated).toBe('9');
    expect(selection.listed).toEqual([{ passId: 'a', tag: '5' }, { passId: 'b', tag: '9' }]);
  });

  it('lists only passes whose tag is past the one the device sends', () => {
    expect(selectUpdated([pass('a', 5, 5), pass('b', 9, 7)], 7n).serialNumbers).toEqual(['serial-b']);
    expect(selectUpdated([pass('a', 5, 5), pass('b', 9, 9)], 9n).serialNumbers).toEqual([]);
  });

  it('still lists a pass whose tag is below the cursor when it committed after the device last heard of it', () => {
    // Tag 10 was taken first but committed after tag 11; the device holds cursor 11.
    const selection = selectUpdated([pass('late', 10, 4), pass('early', 11, 11)], 11n);
    expect(selection.serialNumbers).toEqual(['serial-late']);
    expect(selection.lastUpdated).toBe('11');
  });

  it('lists again what a device asks for with an older cursor (its fetch failed), even if it was told already', () => {
    expect(selectUpdated([pass('a', 8, 8)], 6n).serialNumbers).toEqual(['serial-a']);
  });

  it('a device with no passes of the type gets nothing', () => {
    expect(selectUpdated([], 3n)).toEqual({ serialNumbers: [], lastUpdated: '0', listed: [] });
  });
});

describe('parseUpdatedSince', () => {
  it('reads our tags and treats anything else as absent', () => {
    expect(parseUpdatedSince('42')).toBe(42n);
    expect(parseUpdatedSince(null)).toBeNull();
    expect(parseUpdatedSince('')).toBeNull();
    expect(parseUpdatedSince('1351981923.5')).toBeNull();
    expect(parseUpdatedSince('-1')).toBeNull();
  });
});
