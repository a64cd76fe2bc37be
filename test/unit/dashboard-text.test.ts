import { describe, expect, it } from 'vitest';
import { chartLabel, formatChange } from '@/lib/format';

describe('KPI change in a few words', () => {
  it('says the change and the period, with a percentage only when the previous value is not 0', () => {
    expect(formatChange(1120, 1000, 'Năm 2021').text).toBe('+120 (+12%) so với năm 2021');
    expect(formatChange(120, 0, 'Năm 2021')).toEqual({ text: '+120 so với năm 2021', direction: 'up' });
    expect(formatChange(900, 1000, '6 tháng đầu năm 2021')).toEqual({ text: '−100 (−10%) so với 6 tháng đầu năm 2021', direction: 'down' });
    expect(formatChange(5, 5, 'Quý I/2022')).toEqual({ text: 'bằng quý I/2022', direction: 'same' });
    expect(formatChange(5, null, 'Năm 2021')).toEqual({ text: 'chưa có số liệu năm 2021 để so sánh', direction: 'none' });
    expect(formatChange(1.5, 1.25, 'Năm 2021', 2).text).toBe('+0,25 (+20%) so với năm 2021');
  });
});

describe('chart labels on one line', () => {
  it('keeps short names and cuts long ones at a word with «…»', () => {
    expect(chartLabel('Giấy khen')).toBe('Giấy khen');
    const long = chartLabel('Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh');
    expect(long.length).toBeLessThanOrEqual(26);
    expect(long).toBe('Bằng khen của Chủ tịch Ủy…');
    expect(chartLabel('Phòng Tài chính – Kế hoạch huyện Dương Minh Châu')).toBe('Phòng Tài chính – Kế…');
    expect(chartLabel('Chiếnsĩthiđuacơsởkhôngcókhoảngtrắng')).toHaveLength(26);
  });
});
