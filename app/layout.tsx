import type { Metadata } from 'next';
import { PRODUCT_NAME } from '@/lib/domain';
import './globals.css';

export const metadata: Metadata = {
  title: { default: PRODUCT_NAME, template: `%s · ${PRODUCT_NAME}` },
  description: 'Kết quả các phong trào thi đua theo đơn vị, khối thi đua và kỳ',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="vi">
      <body className="min-h-screen bg-tremor-background-muted font-sans text-tremor-content-emphasis antialiased">
        {children}
      </body>
    </html>
  );
}
