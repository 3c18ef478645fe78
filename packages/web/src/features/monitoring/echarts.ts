import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

/*
 * Only the parts of ECharts the station charts use (line, bar, grid, legend, tooltip, threshold lines, canvas):
 * the whole library is several times larger. Imported only by the lazily loaded chart component.
 */
use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

export { init };
