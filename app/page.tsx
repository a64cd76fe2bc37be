import { Card, Title, Text } from '@tremor/react';
import { BarChart } from './_components/bar-chart';
import { activitiesByYear } from '@/lib/queries/stack-check';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const rows = await activitiesByYear();
  return (
    <main className="mx-auto max-w-5xl p-6">
      <h1 className="text-2xl font-semibold text-tremor-content-strong">Thi đua analytics</h1>
      <Card className="mt-6">
        <Title>Số hoạt động tuyên truyền theo năm</Title>
        {rows.length === 0 ? (
          <Text className="mt-4">Chưa có dữ liệu. Hãy nhập dữ liệu mẫu: npm run -s etl -- import …</Text>
        ) : (
          <BarChart data={rows.map((r) => ({ Năm: String(r.year), 'Hoạt động': r.activities }))} index="Năm" categories={['Hoạt động']} />
        )}
      </Card>
    </main>
  );
}
