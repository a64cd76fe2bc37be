'use client';

/** Opens the browser's print dialog (choose "Lưu dưới dạng PDF" for an A4 PDF). */
export function PrintButton() {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="rounded-tremor-small bg-tremor-brand px-3 py-1.5 text-sm font-semibold text-white hover:bg-tremor-brand-emphasis focus:outline-none focus:ring-2 focus:ring-tremor-brand"
    >
      In / Lưu PDF
    </button>
  );
}
