/* A day's occupancy as a small SVG line chart: no chart library needed for one line and a band. */
(function () {
  'use strict';
  const NS = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs) {
    const node = document.createElementNS(NS, tag);
    Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
    return node;
  }
  /**
   * @param points [{at: Date, share: 0..1}] oldest first
   * @param label what the chart shows, for screen readers
   */
  function dayChart(points, label) {
    const width = 320, height = 120, pad = 24;
    const root = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, width: '100%', role: 'img', 'aria-label': label, class: 'chart' });
    const start = new Date(PG.shanghaiMidnight()).getTime();
    const x = (at) => pad + ((at.getTime() - start) / 86400000) * (width - 2 * pad);
    const y = (share) => height - pad - Math.max(0, Math.min(1, share)) * (height - 2 * pad);
    root.append(svg('rect', { x: pad, y: pad, width: width - 2 * pad, height: height - 2 * pad, fill: '#f4f6f8', stroke: '#767676' }));
    [0, 0.5, 1].forEach((s) => {
      root.append(svg('line', { x1: pad, x2: width - pad, y1: y(s), y2: y(s), stroke: '#c4c4c4' }));
      const text = svg('text', { x: 2, y: y(s) + 4, 'font-size': 10, fill: '#1a1a1a' });
      text.textContent = Math.round(s * 100) + '%';
      root.append(text);
    });
    [0, 6, 12, 18, 24].forEach((h) => {
      const text = svg('text', { x: pad + (h / 24) * (width - 2 * pad) - 6, y: height - 6, 'font-size': 10, fill: '#1a1a1a' });
      text.textContent = String(h).padStart(2, '0');
      root.append(text);
    });
    if (points.length > 0) {
      const d = points.map((p, i) => (i === 0 ? 'M' : 'L') + x(p.at).toFixed(1) + ',' + y(p.share).toFixed(1)).join(' ');
      root.append(svg('path', { d, fill: 'none', stroke: '#0b5cad', 'stroke-width': 2 }));
    }
    return root;
  }
  window.PG_CHART = { dayChart };
})();
