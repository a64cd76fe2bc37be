import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { closeBrowser, login, newPage, sessionOf } from './browser';

/**
 * Charts at first paint (app/_components/chart-box.tsx): the overview's first screen is in the
 * document's shell with the server's still picture of each chart, drawn before any script runs;
 * after hydration the interactive Tremor chart takes its place with no hydration error; bar labels
 * stay on one line.
 */
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  page = await newPage();
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await login(page, 'viewer');
});
afterAll(async () => {
  await closeBrowser();
});

describe('charts at first paint', () => {
  it('puts the trend chart, drawn, in the shell of the overview: before any part React streams later', async () => {
    const res = await fetch(`${inject('baseUrl')}/?period=2022`, { headers: { Cookie: await sessionOf('lanhdao') } });
    const html = await res.text();
    const figure = html.indexOf('data-testid="trend-activities"');
    expect(figure).toBeGreaterThan(0);
    const streamed = html.indexOf('<div hidden id="S:');
    // Streamed parts (below the fold) come after the shell; the first chart is not one of them.
    if (streamed >= 0) expect(figure).toBeLessThan(streamed);
    const still = html.slice(figure, html.indexOf('</figure>', figure));
    expect(still).toContain('class="chart-still');
    expect(still).toMatch(/<svg[^>]*class="recharts-surface"/);
    // One bar per month of 2022 that has activities, as many as the rows of the table beside it.
    const bars = still.match(/class="recharts-rectangle/g)?.length ?? 0;
    const rows = still.slice(still.indexOf('<tbody')).match(/<tr/g)?.length ?? 0;
    expect(rows).toBeGreaterThan(0);
    expect(bars).toBe(rows);
  });

  it('shows the still chart with no script at all, and it fills its box', async () => {
    const context = page.context();
    await context.route('**/_next/static/**/*.js', (r) => r.abort());
    try {
      const bare = await context.newPage();
      await bare.goto('/?period=2022');
      const svg = bare.locator('[data-testid="trend-activities"] .chart-still svg.recharts-surface');
      await expect.poll(() => svg.isVisible()).toBe(true);
      const box = await svg.boundingBox();
      expect(box!.width).toBeGreaterThan(400);
      expect(box!.height).toBeGreaterThan(150);
      await bare.close();
    } finally {
      await context.unroute('**/_next/static/**/*.js');
    }
  });

  it('hands over to the interactive chart after hydration: one chart per box, no hydration error', async () => {
    errors.length = 0;
    await page.goto('/?period=2022');
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.locator('.chart-still').count()).toBe(0);
    const boxes = await page.locator('figure [aria-hidden="true"] > div.relative').count();
    expect(boxes).toBeGreaterThanOrEqual(4);
    expect(await page.locator('figure svg.recharts-surface').count()).toBe(boxes);
    expect(errors.filter((e) => /hydrat|Minified React error/i.test(e))).toEqual([]);
  });

  it('labels each bar of the channel chart on one line', async () => {
    await page.goto('/?period=2022');
    const labels = page.locator('[data-testid="by-channel"] .recharts-yAxis .recharts-cartesian-axis-tick-value');
    await expect.poll(() => labels.count()).toBeGreaterThan(0);
    const lines = await labels.evaluateAll((ts) => ts.map((t) => t.querySelectorAll('tspan').length));
    expect(lines.every((n) => n === 1)).toBe(true);
  });
});
