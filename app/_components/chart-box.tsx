'use client';

import { useEffect, useRef, useState } from 'react';

/** A chart's height unless its page asks for another (px). */
export const CHART_HEIGHT = 288;

/**
 * Width the still picture is drawn at before CSS scales it to its box: half of the 1,366 px page
 * (a chart beside another, the common case), or the whole content width for a `wide` chart.
 */
export function stillWidth(wide: boolean | undefined): number {
  return wide ? 1190 : 576;
}

/**
 * A chart the reader sees at first paint. The server draws a still picture of it (`still`, plain
 * SVG in the HTML, scaled to the box by CSS); the browser never re-renders that picture: on the
 * client its box is a leaf React does not hydrate (empty `dangerouslySetInnerHTML`, so the server's
 * SVG stays). After hydration the interactive chart (`live`, Tremor) mounts hidden over it,
 * measures its box and draws; then it is shown and the still picture removed in the same frame.
 * A chart first mounted by a client-side navigation has no still picture and simply draws.
 */
export function ChartBox({ height, still, live }: { height: number; still: React.ReactNode; live: React.ReactNode }) {
  const [mounted, setMounted] = useState(false);
  const [liveDrawn, setLiveDrawn] = useState(false);
  const liveBox = useRef<HTMLDivElement>(null);
  useEffect(() => setMounted(true), []);
  useEffect(() => {
    const box = liveBox.current;
    if (!box) return;
    const drawn = () => box.querySelector('svg.recharts-surface') !== null;
    if (drawn()) return setLiveDrawn(true);
    const watch = new MutationObserver(() => {
      if (!drawn()) return;
      watch.disconnect();
      setLiveDrawn(true);
    });
    watch.observe(box, { childList: true, subtree: true });
    return () => watch.disconnect();
  }, [mounted]);
  return (
    <div className="relative w-full" style={{ height }}>
      {!liveDrawn &&
        (typeof window === 'undefined' ? (
          <div className="chart-still absolute inset-0">{still}</div>
        ) : (
          <div className="chart-still absolute inset-0" suppressHydrationWarning dangerouslySetInnerHTML={{ __html: '' }} />
        ))}
      {mounted && (
        <div ref={liveBox} className="absolute inset-0" style={{ visibility: liveDrawn ? 'visible' : 'hidden' }}>
          {live}
        </div>
      )}
    </div>
  );
}
