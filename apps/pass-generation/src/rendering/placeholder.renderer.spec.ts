import { placeholdersIn, renderPlaceholders, unknownPlaceholders, usesPlaceholder } from './placeholder.renderer';

const values = { member_name: 'John Doe', member_id: 'MEMBER-001', points: '150', tier: 'silver', company_name: 'My Company', balance: '€12.50', serial_number: 'S-1', coupon_title: '' };

describe('placeholders', () => {
  it('renders every known placeholder, repeated ones included', () => {
    expect(renderPlaceholders('{member_name} ({member_id}) has {points} points, {tier} at {company_name}; {points}!', values)).toBe(
      'John Doe (MEMBER-001) has 150 points, silver at My Company; 150!',
    );
  });

  it('leaves text without placeholders and unknown braces alone', () => {
    expect(renderPlaceholders('https://walletpass.ai', values)).toBe('https://walletpass.ai');
    expect(renderPlaceholders('{nope} {points}', values)).toBe('{nope} 150');
    expect(renderPlaceholders('{ points }', values)).toBe('{ points }');
  });

  it('does not re-expand placeholders inside substituted values', () => {
    expect(renderPlaceholders('{member_name}', { ...values, member_name: '{points}' })).toBe('{points}');
  });

  it('names the placeholders a template uses and the unknown ones', () => {
    expect(placeholdersIn('{tier} / {points} / {tier}')).toEqual(['tier', 'points']);
    expect(unknownPlaceholders('{member_name} {point} {Tier}')).toEqual(['point', 'Tier']);
    expect(usesPlaceholder('Hi {member_name}', 'member_name')).toBe(true);
    expect(usesPlaceholder('Hi {member_name}', 'points')).toBe(false);
  });
});
