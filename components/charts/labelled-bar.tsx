import type { BarShapeProps } from 'recharts';

/**
 * A bar drawn as a plain rect that names what it counts (test id and accessible label), so
 * tests and assistive tech find each bar. Empty bars draw nothing: stacked charts render
 * zero-height ones, which would otherwise be found as if they were real.
 */
export function labelledBar(
  label: (payload: Record<string, unknown>) => { id: string; name: string },
) {
  function LabelledBar(bar: BarShapeProps) {
    if (!bar.height) return <g />;
    const { id, name } = label((bar.payload ?? {}) as Record<string, unknown>);
    return (
      <rect
        x={bar.x}
        y={bar.y}
        width={bar.width}
        height={bar.height}
        fill={bar.fill}
        data-testid={id}
        aria-label={name}
      />
    );
  }
  return LabelledBar;
}
