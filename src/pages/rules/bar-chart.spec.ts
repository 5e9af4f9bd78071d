import fc from 'fast-check';
import { barChart } from './bar-chart';

describe('barChart', () => {
  it('scales the longest bar to the room left beside the labels and values', () => {
    const chart = barChart(
      [
        { label: 'M01', value: 40 },
        { label: 'M02', value: 10 },
      ],
      { width: 456, labelWidth: 160 },
    );
    expect(chart.bars.map((b) => b.barWidth)).toEqual([200, 50]);
    expect(chart.bars[0].valueX).toBe(366);
    expect(chart.height).toBe(2 * 28 + 8);
  });

  it('draws no bar for zero, and nothing divides by zero when every value is zero', () => {
    const chart = barChart([{ label: 'a', value: 0 }], { format: (v) => `${v} 人` });
    expect(chart.bars[0]).toMatchObject({ barWidth: 0, shown: '0 人' });
  });

  it('keeps every bar inside the chart and in the order given', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ label: fc.string(), value: fc.integer({ min: 0, max: 1e9 }) }), { maxLength: 30 }), (rows) => {
        const chart = barChart(rows);
        return chart.bars.every((b, i) => b.label === rows[i].label && b.barX + b.barWidth <= chart.width && b.y < chart.height);
      }),
    );
  });
});
