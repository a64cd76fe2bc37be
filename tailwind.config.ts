import type { Config } from 'tailwindcss';
import forms from '@tailwindcss/forms';
import { CHART_COLORS } from './app/_components/chart-colors';

// Tremor v3 theme extension (tremor.so/docs/getting-started/installation, Tailwind 3.4).
const config: Config = {
  // Of Tremor, only the charts and their legend are used: their classes, not the whole library's.
  content: [
    './app/**/*.{ts,tsx}',
    './lib/**/*.{ts,tsx}',
    './node_modules/@tremor/react/dist/components/chart-elements/{BarChart,LineChart,common}/*.js',
    './node_modules/@tremor/react/dist/components/text-elements/Legend/*.js',
  ],
  theme: {
    transparent: 'transparent',
    current: 'currentColor',
    extend: {
      fontFamily: { sans: ['"Be Vietnam Pro"', 'system-ui', 'sans-serif'] },
      colors: {
        tremor: {
          brand: { faint: '#eff6ff', muted: '#bfdbfe', subtle: '#60a5fa', DEFAULT: '#3b82f6', emphasis: '#1d4ed8', inverted: '#ffffff' },
          background: { muted: '#f9fafb', subtle: '#f3f4f6', DEFAULT: '#ffffff', emphasis: '#374151' },
          border: { DEFAULT: '#e5e7eb' },
          ring: { DEFAULT: '#e5e7eb' },
          content: { subtle: '#9ca3af', DEFAULT: '#6b7280', emphasis: '#374151', strong: '#111827', inverted: '#ffffff' },
        },
      },
      boxShadow: {
        'tremor-input': '0 1px 2px 0 rgb(0 0 0 / 0.05)',
        'tremor-card': '0 1px 3px 0 rgb(0 0 0 / 0.1), 0 1px 2px -1px rgb(0 0 0 / 0.1)',
        'tremor-dropdown': '0 4px 6px -1px rgb(0 0 0 / 0.1), 0 2px 4px -2px rgb(0 0 0 / 0.1)',
      },
      borderRadius: { 'tremor-small': '0.375rem', 'tremor-default': '0.5rem', 'tremor-full': '9999px' },
      fontSize: {
        'tremor-label': ['0.75rem', { lineHeight: '1rem' }],
        'tremor-default': ['0.875rem', { lineHeight: '1.25rem' }],
        'tremor-title': ['1.125rem', { lineHeight: '1.75rem' }],
        'tremor-metric': ['1.875rem', { lineHeight: '2.25rem' }],
      },
    },
  },
  // Tremor writes its chart colour classes at run time (bg-, text-, fill-, stroke- with shade 500).
  safelist: [{ pattern: new RegExp(`^(bg|text|fill|stroke)-(${CHART_COLORS.join('|')})-500$`) }],
  plugins: [forms],
};

export default config;
