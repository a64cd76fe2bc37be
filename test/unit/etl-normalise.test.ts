import { describe, expect, it } from 'vitest';
import { fromExcelSerial, parseDateCell } from '@/etl/normalise/dates';
import { parseNumberCell } from '@/etl/normalise/numbers';
import { cellText } from '@/etl/normalise/cells';
import { foldKeyFast, cleanCellString } from '@/etl/normalise/fast-text';
import { channelOf } from '@/etl/normalise/channel';
import { foldKey, cleanText } from '@/lib/text';

const d = (c: Parameters<typeof parseDateCell>[0]) => {
  const r = parseDateCell(c);
  return r.ok ? r.value : r.empty ? 'empty' : 'bad';
};

describe('dates', () => {
  it('reads date cells, Excel serials and the usual texts without time-zone drift', () => {
    expect(d(new Date(Date.UTC(2022, 11, 20)))).toBe('2022-12-20');
    expect(d(44915)).toBe('2022-12-20');
    expect(d(1)).toBe('1900-01-01');
    expect(d(59)).toBe('1900-02-28');
    expect(d(61)).toBe('1900-03-01');
    expect(d('20/12/2022')).toBe('2022-12-20');
    expect(d(' 5/1/2023 ')).toBe('2023-01-05');
    expect(d('20-12-2022')).toBe('2022-12-20');
    expect(d('20.12.2022')).toBe('2022-12-20');
    expect(d('2022-12-20')).toBe('2022-12-20');
    expect(d('29/02/2024')).toBe('2024-02-29');
  });
  it('refuses impossible dates, the phantom 1900-02-29 and text that is no date', () => {
    expect(d('31/02/2022')).toBe('bad');
    expect(d('29/02/2023')).toBe('bad');
    expect(d('2022-13-01')).toBe('bad');
    expect(d(60)).toBe('bad');
    expect(fromExcelSerial(0).ok).toBe(false);
    expect(d('tháng 12')).toBe('bad');
    expect(d(null)).toBe('empty');
    expect(d('  ')).toBe('empty');
    expect(d('#N/A')).toBe('empty');
  });
});

describe('numbers', () => {
  const n = (c: Parameters<typeof parseNumberCell>[0], k: 'count' | 'points') => {
    const r = parseNumberCell(c, k);
    return r.ok ? r.value : 'bad';
  };
  it('reads vi-VN and plain numbers', () => {
    expect(n('1.250', 'count')).toBe(1250);
    expect(n('1.250.000', 'count')).toBe(1250000);
    expect(n('1 250', 'count')).toBe(1250);
    expect(n('18,5', 'points')).toBe(18.5);
    expect(n('18.5', 'points')).toBe(18.5);
    expect(n('1.000', 'points')).toBe(1);
    expect(n('1.250,5', 'points')).toBe(1250.5);
    expect(n(42, 'count')).toBe(42);
    expect(n('-3', 'count')).toBe(-3);
  });
  it('treats empty and cached errors as null, and refuses text', () => {
    expect(n('', 'count')).toBe(null);
    expect(n('#N/A', 'points')).toBe(null);
    expect(n('-', 'points')).toBe(null);
    expect(n('mười', 'count')).toBe('bad');
    expect(n('12abc', 'points')).toBe('bad');
  });
});

describe('text', () => {
  it('cleans cells like cleanText and folds like foldKey', () => {
    for (const s of ['  Phòng  Quản lý\u00A0ngân sách ', 'Tin\nbài', 'a\u200Bb', 'Cổng TTĐT', 'Ho\u0300a'.normalize('NFD')]) {
      expect(cleanCellString(s)).toBe(cleanText(s));
    }
    for (const s of ['Phòng Quản lý NGÂN SÁCH', 'Đảng ủy – Ưu tiên (2023)', 'Hội nghị, tọa đàm']) expect(foldKeyFast(s)).toBe(foldKey(s));
    expect(cellText('#N/A')).toBe('');
    expect(cellText(new Date(Date.UTC(2023, 0, 5)))).toBe('05/01/2023');
  });
  it('keeps the channels of the propagation plan apart', () => {
    // «Hội thao» (sports meet) and «hội thảo» (seminar) differ only by a tone mark.
    expect(channelOf('Hội thao chào mừng 30/4')).toBe('event');
    expect(channelOf('Hội thảo khoa học')).toBe('seminar');
    expect(channelOf('hoi thao')).toBe(null);
    expect(channelOf('Treo pano, áp phích')).toBe('visual');
    expect(channelOf('Băng rôn, khẩu hiệu')).toBe('visual');
    expect(channelOf('Đăng trên Báo Tây Ninh')).toBe('press');
    expect(channelOf('Phát thanh - Truyền hình tỉnh')).toBe('press');
    expect(channelOf('Trang Facebook của Sở')).toBe('social');
    expect(channelOf('Sơ kết 6 tháng phong trào thi đua')).toBe('seminar');
    expect(channelOf('Lễ phát động thi đua')).toBe('seminar');
    expect(channelOf('Biểu dương điển hình')).toBe('seminar');
    expect(channelOf('Giao lưu điển hình tiên tiến')).toBe('exchange');
    expect(channelOf('Trao đổi kinh nghiệm')).toBe('exchange');
    expect(channelOf('Hội thi tìm hiểu trên Cổng TTĐT')).toBe('contest');
  });

  it('maps channels', () => {
    expect(channelOf('Cổng thông tin điện tử')).toBe('portal');
    expect(channelOf('Trang TTĐT của Sở')).toBe('portal');
    expect(channelOf('Nhóm Zalo')).toBe('social');
    expect(channelOf('Hệ thống eGov')).toBe('egov');
    expect(channelOf('Tọa đàm')).toBe('seminar');
    expect(channelOf('Hội thi tìm hiểu')).toBe('contest');
    expect(channelOf('Hội diễn văn nghệ')).toBe('event');
    expect(channelOf('Tham quan, học tập kinh nghiệm')).toBe('study_visit');
    expect(channelOf('Phát tờ rơi')).toBe('visual');
    expect(channelOf('Họp mặt cuối năm')).toBe(null);
  });
});
