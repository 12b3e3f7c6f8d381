import { passCodeCondition, renderedSql } from './pass-code.matcher';

describe('renderedSql', () => {
  it('renders literals as parameters and placeholders as the pass columns', () => {
    const params: Record<string, unknown> = {};
    const sql = renderedSql('WP-{member_id}/{points} {unknown}', params);
    expect(sql).toBe('(CAST(:code_lit_0 AS text) || p.member_id || CAST(:code_lit_1 AS text) || p.points::text || CAST(:code_lit_2 AS text) || CAST(:code_lit_3 AS text))');
    expect(params).toEqual({ code_lit_0: 'WP-', code_lit_1: '/', code_lit_2: ' ', code_lit_3: '{unknown}' });
  });

  it('renders the coupon placeholders from their columns, and never matches a {balance} (its currency is not on the row)', () => {
    expect(renderedSql('{serial_number}:{coupon_title}', {})).toBe("(p.serial_number || CAST(:code_lit_0 AS text) || coalesce(p.coupon_title, ''))");
    expect(renderedSql('B{balance}', {})).toBe('(CAST(:code_lit_0 AS text) || NULL)');
  });
});

describe('passCodeCondition', () => {
  it('matches the serial, the built-in looks ({member_id} on cards, the serial on coupons), and each template for the styles using it', () => {
    const barcode = (message: string) => ({ format: 'PKBarcodeFormatQR' as const, message, alt_text: null });
    const { sql, params } = passCodeCondition(
      [
        { id: 's1', barcode: barcode('{member_id}') },
        { id: 's2', barcode: barcode('{member_id}') },
        { id: 's3', barcode: barcode('T-{tier}') },
      ],
      'ABC',
    );
    expect(sql).toContain('p.serial_number = :code');
    expect(sql).toContain('(p.rendered_style_id IS NULL AND p.coupon_id IS NULL AND (p.member_id) = :code)');
    // A coupon pass without a style shows the built-in coupon look, whose barcode is its serial, not the member id.
    expect(sql).toContain('(p.rendered_style_id IS NULL AND p.coupon_id IS NOT NULL AND (p.serial_number) = :code)');
    expect(params).toMatchObject({ code: 'ABC', code_styles_0: ['s1', 's2'], code_styles_1: ['s3'] });
    expect(Object.values(params)).toContain('T-');
  });
});
