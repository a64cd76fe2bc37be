import { DataTable } from '@/app/_components/chart-figure';
import { Section } from '@/app/_components/section';
import { getDb } from '@/lib/db/client';
import { formatDate, formatNumber } from '@/lib/format';
import { unitLineage, unitYearlySeries } from '@/lib/queries/unit-lineage';

/**
 * The unit year by year, with the history of the units merged into it folded in (v_unit_lineage):
 * «hợp nhất từ …» names them, and the predecessors' share of each year is shown beside the total.
 */
export async function UnitYears({ unitId }: { unitId: number }) {
  const db = await getDb();
  const [lineage, years] = await Promise.all([unitLineage(db, unitId), unitYearlySeries(db, unitId)]);
  const facts = [
    lineage?.province ? `tỉnh ${lineage.province}` : null,
    lineage?.valid_from ? `hoạt động từ ${formatDate(lineage.valid_from)}` : null,
    lineage?.valid_to ? `đến ${formatDate(lineage.valid_to)}` : null,
    lineage?.merged_from ? `hợp nhất từ ${lineage.merged_from} (số liệu các năm gồm cả các đơn vị này)` : null,
    lineage && lineage.root_unit_id !== unitId ? `số liệu từ ${lineage.merged_on ? formatDate(lineage.merged_on) : 'khi sáp nhập'} tính cho ${lineage.root_unit_name}` : null,
  ].filter(Boolean);
  const merged = !!lineage?.merged_from;
  return (
    <Section title="Theo năm" subtitle={facts.length ? facts.join(' · ') : undefined} id="unit-years">
      {years.length === 0 ? (
        <p className="py-4 text-sm text-tremor-content">Chưa có hoạt động hay khen thưởng nào.</p>
      ) : (
        <DataTable
          testId="unit-years"
          columns={['Năm', 'Hoạt động', 'Tham gia', 'Khen thưởng', ...(merged ? ['Trong đó của đơn vị hợp nhất (hoạt động / khen thưởng)'] : [])]}
          numeric={merged ? [1, 2, 3, 4] : [1, 2, 3]}
          rows={years.map((y) => [
            String(y.year),
            formatNumber(y.activities),
            formatNumber(y.participants),
            formatNumber(y.awards),
            ...(merged ? [`${formatNumber(y.merged_activities)} / ${formatNumber(y.merged_awards)}`] : []),
          ])}
        />
      )}
    </Section>
  );
}
