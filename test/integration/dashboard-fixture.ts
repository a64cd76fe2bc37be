import { openDb, withWriteTransaction, type Db } from '@/lib/db/client';

/**
 * A small store whose numbers can be checked by hand (see the comments in the tests):
 * three units in one bloc, activities over 2021–2022, awards, and three score periods.
 * Batch 2 is undone: its rows must never be counted.
 */
export async function fixtureDb(): Promise<Db> {
  const db = await openDb(':memory:');
  await withWriteTransaction(db, async (c) => {
    await c.run(`INSERT INTO import_batches (batch_id, file_name, sha256, dataset, imported_by, status) VALUES
      (1, 'hoat-dong.xlsx', 'a', 'activities', 'vanphong', 'loaded'),
      (2, 'sai.xlsx', 'b', 'activities', 'vanphong', 'undone'),
      (3, 'khen-thuong.xlsx', 'c', 'awards', 'vanphong', 'loaded'),
      (4, 'diem.xlsx', 'd', 'scores', 'vanphong', 'loaded'),
      (5, 'don-vi.xlsx', 'e', 'units', 'vanphong', 'loaded')`);
    await c.run(`INSERT INTO units (unit_id, name, abbreviation, kind, headcount) VALUES
      (1, 'Phòng Quản lý ngân sách', 'QLNS', 'division', 10),
      (2, 'Phòng Tài chính doanh nghiệp', 'TCDN', 'division', 20),
      (3, 'Văn phòng Sở', 'VP', 'division', NULL)`);
    await c.run(`INSERT INTO blocs (bloc_id, name, short_name) VALUES (1, 'Khối các phòng thuộc Sở', 'Khối phòng')`);
    await c.run(`INSERT INTO bloc_members (bloc_id, unit_id, year) SELECT 1, u, y FROM (VALUES (1), (2), (3)) a(u), (VALUES (2021), (2022)) b(y)`);
    await c.run(`INSERT INTO movements (movement_id, name) VALUES (1, 'Thi đua yêu nước'), (2, 'Chuyển đổi số')`);
    await c.run(`INSERT INTO activities (activity_id, activity_date, unit_id, unit_raw, channel, title, participants, movement_id, exemplar, batch_id, row_key) VALUES
      (1, '2022-01-15', 1, 'QLNS', 'portal', 'Bài viết về gương Nguyễn Văn A', 10, 1, 'Nguyễn Văn A', 1, 'k1'),
      (2, '2022-02-10', 1, 'QLNS', 'seminar', 'Hội nghị điển hình', 30, 1, NULL, 1, 'k2'),
      (3, '2022-04-05', 2, 'TCDN', 'portal', 'Tin bài chuyển đổi số', 5, 2, 'Nguyễn Văn A', 1, 'k3'),
      (4, '2022-06-30', 3, 'VP', 'event', 'Hội thao', 100, NULL, 'Trần Thị B', 1, 'k4'),
      (5, '2022-03-01', NULL, 'P. QLNS cũ', 'contest', 'Cuộc thi tìm hiểu', 7, NULL, NULL, 1, 'k5'),
      (6, '2022-08-01', 2, 'TCDN', 'egov', 'Bài đăng mạng xã hội', 2, NULL, NULL, 1, 'k6'),
      (7, '2021-09-01', 1, 'QLNS', 'portal', 'Tin 2021', 20, NULL, NULL, 1, 'k7'),
      (8, '2021-12-31', 2, 'TCDN', 'portal', 'Tin cuối năm', 4, NULL, NULL, 1, 'k8'),
      (9, '2021-03-03', 1, 'QLNS', 'seminar', 'Tọa đàm', 50, NULL, NULL, 1, 'k9'),
      (10, '2022-05-05', 1, 'QLNS', 'portal', 'Dòng của lần nhập đã hủy', 1000, NULL, NULL, 2, 'k10')`);
    await c.run(`INSERT INTO awards (award_id, recipient_name, recipient_type, unit_id, unit_raw, award_name, award_name_raw, award_kind, award_level, decision_no, decision_date, award_year, batch_id, row_key) VALUES
      (1, 'Nguyễn Văn An', 'individual', 1, 'QLNS', 'Lao động tiên tiến', 'LĐTT', 'title', 'grassroots', '10/QĐ-STC', '2022-01-20', 2021, 3, 'w1'),
      (2, 'Phòng Quản lý ngân sách', 'collective', 1, 'QLNS', 'Giấy khen', 'Giấy khen', 'commendation', 'department', '11/QĐ-STC', '2022-03-10', 2022, 3, 'w2'),
      (3, 'Trần Thị Bình', 'individual', 2, 'TCDN', 'Bằng khen', 'Bằng khen UBND tỉnh', 'commendation', 'province', '3150/QĐ-UBND', '2022-12-20', 2022, 3, 'w3'),
      (4, 'Lê Văn Cường', 'individual', 3, 'VP', 'Chiến sĩ thi đua cơ sở', 'CSTĐCS', 'title', 'department', NULL, NULL, 2022, 3, 'w4'),
      (5, '=HYPERLINK("http://x")', 'individual', NULL, 'Đơn vị lạ', 'Giấy khen', 'GK', 'commendation', 'department', '12/QĐ-STC', '2021-06-01', 2021, 3, 'w5')`);
    // 2022: U1 55+35+2 = 92, U2 50+38−1 = 87, U3 58+34 = 92 → ranks 1, 3, 1. 2022-H1: 40, 45, 30. 2021: 80, 85, 70.
    await c.run(`INSERT INTO scores (bloc_id, unit_id, period, period_start, period_end, criterion_code, criterion_group, criterion, criterion_kind, sort_order, max_points, self_points, assessed_points, batch_id, row_key)
      SELECT 1, u, p, ps::DATE, pe::DATE, code, 'I', crit, kind, so, mx, pts, pts, 4, u || p || crit FROM (VALUES
        (1, '2022', '2022-01-01', '2022-12-31', '1', 'Công tác chuyên môn', 'criterion', 1, 60.0, 55.0),
        (1, '2022', '2022-01-01', '2022-12-31', '2', 'Công tác thi đua', 'criterion', 2, 40.0, 35.0),
        (1, '2022', '2022-01-01', '2022-12-31', NULL, 'Điểm thưởng', 'bonus', 3, 5.0, 2.0),
        (2, '2022', '2022-01-01', '2022-12-31', '1', 'Công tác chuyên môn', 'criterion', 1, 60.0, 50.0),
        (2, '2022', '2022-01-01', '2022-12-31', '2', 'Công tác thi đua', 'criterion', 2, 40.0, 38.0),
        (2, '2022', '2022-01-01', '2022-12-31', NULL, 'Điểm trừ', 'penalty', 4, 5.0, 1.0),
        (3, '2022', '2022-01-01', '2022-12-31', '1', 'Công tác chuyên môn', 'criterion', 1, 60.0, 58.0),
        (3, '2022', '2022-01-01', '2022-12-31', '2', 'Công tác thi đua', 'criterion', 2, 40.0, 34.0),
        (1, '2022-H1', '2022-01-01', '2022-06-30', '1', 'Công tác chuyên môn', 'criterion', 1, 50.0, 40.0),
        (2, '2022-H1', '2022-01-01', '2022-06-30', '1', 'Công tác chuyên môn', 'criterion', 1, 50.0, 45.0),
        (3, '2022-H1', '2022-01-01', '2022-06-30', '1', 'Công tác chuyên môn', 'criterion', 1, 50.0, 30.0),
        (1, '2021', '2021-01-01', '2021-12-31', '1', 'Công tác chuyên môn', 'criterion', 1, 100.0, 80.0),
        (2, '2021', '2021-01-01', '2021-12-31', '1', 'Công tác chuyên môn', 'criterion', 1, 100.0, 85.0),
        (3, '2021', '2021-01-01', '2021-12-31', '1', 'Công tác chuyên môn', 'criterion', 1, 100.0, 70.0)
      ) t(u, p, ps, pe, code, crit, kind, so, mx, pts)`);
    await c.run(`INSERT INTO import_issues (batch_id, row_no, column_name, severity, code, message, raw_value) VALUES
      (1, 7, 'Đơn vị', 'warning', 'unit_unresolved', 'Không nhận ra đơn vị "P. QLNS cũ"', 'P. QLNS cũ'),
      (2, 3, 'Ngày', 'warning', 'date', 'Lần nhập đã hủy', 'x')`);
  });
  return db;
}
