/** A horizontal bar chart laid out for inline SVG drawn on the server: no script, a few hundred bytes a bar. */
export interface BarChartLayout {
  width: number;
  height: number;
  bars: { label: string; value: number; shown: string; y: number; textY: number; barX: number; barWidth: number; valueX: number }[];
}

export interface BarChartOptions {
  width?: number;
  labelWidth?: number;
  rowHeight?: number;
  /** How a value is printed after its bar. */
  format?: (value: number) => string;
}

/** Bars scaled to the largest value; a zero or negative value draws no bar but keeps its row and label. */
export function barChart(rows: readonly { label: string; value: number }[], options: BarChartOptions = {}): BarChartLayout {
  const { width = 640, labelWidth = 160, rowHeight = 28, format = String } = options;
  const valueSpace = 96;
  const room = Math.max(0, width - labelWidth - valueSpace);
  const max = Math.max(0, ...rows.map((r) => r.value));
  const bars = rows.map((row, i) => {
    const barWidth = max > 0 && row.value > 0 ? Math.max(1, Math.round((row.value / max) * room)) : 0;
    const y = i * rowHeight + 4;
    return {
      label: row.label,
      value: row.value,
      shown: format(row.value),
      y,
      textY: y + rowHeight / 2 + 1,
      barX: labelWidth,
      barWidth,
      valueX: labelWidth + barWidth + 6,
    };
  });
  return { width, height: rows.length * rowHeight + 8, bars };
}
