import type { Metadata } from 'next';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Thi đua analytics', template: '%s · Thi đua analytics' },
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
