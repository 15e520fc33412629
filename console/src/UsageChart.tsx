import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** One measure over time (uPlot), as wide as its container. */
/** `range` is the x axis's [from, to] in seconds: a single day still shows where it falls. */
export function UsageChart(props: {
  label: string;
  times: number[];
  values: number[];
  range: [number, number];
}) {
  const target = useRef<HTMLDivElement>(null);
  const { label, times, values } = props;
  const [from, to] = props.range;
  useEffect(() => {
    const element = target.current!;
    const size = () => ({ width: Math.max(element.clientWidth - 16, 200), height: 180 });
    const plot = new uPlot(
      {
        ...size(),
        title: label,
        scales: { x: { time: true, range: [from, to] } },
        series: [{}, { label, stroke: '#2f5bd3', fill: 'rgba(47, 91, 211, 0.12)', width: 2 }],
        axes: [{}, { size: 70 }],
      },
      [times, values],
      element,
    );
    const observer = new ResizeObserver(() => plot.setSize(size()));
    observer.observe(element);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [label, times, values, from, to]);
  return <div className="chart" ref={target} role="img" aria-label={`${label} by day`} />;
}
