/**
 * Storage failures (disk full, read-only or forbidden directory) as messages a person can act
 * on. DuckDB reports them as "IO Error: … No space left on device" and the like; Node as
 * ENOSPC/EROFS/EACCES. The import that hit one wrote nothing (its transaction rolled back).
 */
export function storageFailureMessage(err: unknown): string | null {
  const e = err as { code?: string; message?: string } | null;
  const text = `${e?.code ?? ''} ${e?.message ?? ''}`;
  if (/ENOSPC|No space left on device|disk is full|Disk full/i.test(text)) {
    return (
      'Không ghi được dữ liệu vì ổ đĩa chứa cơ sở dữ liệu đã đầy. Tệp này chưa được nhập và dữ liệu cũ vẫn nguyên vẹn. ' +
      'Hãy báo quản trị viên giải phóng dung lượng ổ đĩa rồi tải lên lại.'
    );
  }
  if (/EROFS|Read-only file system|EACCES|EPERM|Permission denied|read-only/i.test(text)) {
    return (
      'Không ghi được dữ liệu vì thư mục chứa cơ sở dữ liệu (hoặc thư mục lưu tệp gốc) chỉ cho phép đọc hoặc không có quyền ghi. ' +
      'Tệp này chưa được nhập và dữ liệu cũ vẫn nguyên vẹn. Hãy báo quản trị viên cấp quyền ghi cho thư mục đó rồi tải lên lại.'
    );
  }
  return null;
}
