import { CSS_COLOR } from '@wp/contracts';
import { appleColor, googleColor, parseBrandColor } from './brand-color.normalizer';

describe('brand colours', () => {
  it.each([
    ['rgb(255,255,255)', 'rgb(255, 255, 255)', '#ffffff'],
    ['rgb(255, 107, 53)', 'rgb(255, 107, 53)', '#ff6b35'],
    [' rgb( 0 ,  7 , 16 ) ', 'rgb(0, 7, 16)', '#000710'],
    ['#FF6B35', 'rgb(255, 107, 53)', '#ff6b35'],
    ['#ff6b35', 'rgb(255, 107, 53)', '#ff6b35'],
    ['#F0a', 'rgb(255, 0, 170)', '#ff00aa'],
    ['RGB(1,2,3)', 'rgb(1, 2, 3)', '#010203'],
  ])('normalises %s to Apple %s and Google %s', (input, apple, google) => {
    const rgb = parseBrandColor(input);
    expect(rgb).not.toBeNull();
    expect(appleColor(rgb!)).toBe(apple);
    expect(googleColor(rgb!)).toBe(google);
  });

  it.each(['rgb(256,0,0)', 'rgb(1,2)', '#12345', '#1234567', 'red', 'rgba(1,2,3,0.5)', 'hsl(0, 100%, 50%)', ''])('refuses %j', (input) => {
    expect(parseBrandColor(input)).toBeNull();
  });

  it('accepts exactly what the API validation accepts', () => {
    for (const input of ['rgb(255,255,255)', '#FFF', '#abcdef', 'rgb(0, 0, 0)']) expect(CSS_COLOR.test(input)).toBe(true);
    for (const input of ['rgb(256,0,0)', 'red', '#12345', 'rgb(-1,0,0)']) expect(CSS_COLOR.test(input)).toBe(false);
  });
});
