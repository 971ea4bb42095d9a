/**
 * A flame graph of one figure as a single self-contained HTML file (d3-flame-graph, with d3 and
 * the data inlined, so it opens offline from the results folder): click a frame to zoom, search
 * by name, hover for its share of the busy time.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FlameNode } from './cpu-profile.js';

const require = createRequire(import.meta.url);

function distFile(packageName: string, file: string): string {
  return readFileSync(path.join(path.dirname(require.resolve(packageName)), file), 'utf8');
}

/** Text that may sit inside a <script> or <style> element without closing it. */
const inline = (code: string) => code.replace(/<\/(script|style)/gi, '<\\/$1');
const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function renderFlameGraph(title: string, subtitle: string, tree: FlameNode): string {
  const d3 = distFile('d3', 'd3.min.js');
  const flamegraph = distFile('d3-flame-graph', 'd3-flamegraph.umd.min.js');
  const css = distFile('d3-flame-graph', 'd3-flamegraph.css');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>${inline(css)}
body { font-family: Verdana, sans-serif; margin: 16px; }
#controls { margin: 8px 0; }
#details { min-height: 1.5em; font-size: 13px; }
</style>
</head>
<body>
<h2>${escapeHtml(title)}</h2>
<p>${escapeHtml(subtitle)}</p>
<div id="controls"><input id="term" placeholder="search (regular expression)" size="40"> <button id="reset">reset zoom</button></div>
<div id="chart"></div>
<div id="details"></div>
<script>${inline(d3)}</script>
<script>${inline(flamegraph)}</script>
<script>
const data = ${JSON.stringify(tree).replace(/</g, '\\u003c')};
const busy = data.value;
const label = (d) => d.data.name + ' (' + (100 * d.value / busy).toFixed(2) + ' % of busy, ' + (d.value / 1000).toFixed(1) + ' ms)';
const chart = flamegraph.default()
  .width(Math.max(960, window.innerWidth - 40))
  .cellHeight(18)
  .minFrameSize(1)
  .sort(true)
  .label(label)
  .tooltip(flamegraph.tooltip.defaultFlamegraphTooltip().text(label))
  .setDetailsElement(document.getElementById('details'));
d3.select('#chart').datum(data).call(chart);
document.getElementById('term').addEventListener('input', (e) => e.target.value ? chart.search(e.target.value) : chart.clear());
document.getElementById('reset').addEventListener('click', () => chart.resetZoom());
</script>
</body>
</html>
`;
}
