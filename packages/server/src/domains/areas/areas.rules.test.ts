import { describe, expect, it } from 'vitest';
import { levelNameOf, levelOfCode, nextChildCode, parentOfCode } from './areas.rules.ts';

describe('area rules', () => {
  it('reads the tier from the code length', () => {
    expect(levelOfCode('441825')).toBe('county');
    expect(levelOfCode('441825100')).toBe('township');
    expect(levelOfCode('441825100201')).toBe('village');
    expect(levelOfCode('4418')).toBeNull();
  });

  it('finds the parent by truncating the code', () => {
    expect(parentOfCode('441825100201001')).toBe('441825100201');
    expect(parentOfCode('441825100201')).toBe('441825100');
    expect(parentOfCode('441825100')).toBe('441825');
    expect(parentOfCode('441825')).toBeNull();
  });

  it('keeps the real word for each tier', () => {
    expect(levelNameOf('county', '连山壮族瑶族自治县')).toBe('县');
    expect(levelNameOf('county', '信宜市')).toBe('市');
    expect(levelNameOf('county', '柳江区')).toBe('区');
    expect(levelNameOf('township', '东镇街道')).toBe('街道');
    expect(levelNameOf('township', '王港乡')).toBe('乡');
    expect(levelNameOf('township', '永和镇')).toBe('镇');
    expect(levelNameOf('township', '连山林场')).toBe('林场');
    expect(levelNameOf('village', '永和社区居委会')).toBe('社区');
    expect(levelNameOf('village', '永联村委会')).toBe('村');
  });

  it('gives the next free 3-digit code under a village', () => {
    expect(nextChildCode('441825100201', [])).toBe('441825100201001');
    expect(nextChildCode('441825100201', ['441825100201001', '441825100201003'])).toBe('441825100201002');
  });
});
