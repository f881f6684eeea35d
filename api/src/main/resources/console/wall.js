/* The wall: one unit (?zone=ID) or every unit in turn, large, live, without controls. */
(function () {
  'use strict';
  const { t, api, el } = PG;
  const ROTATE_MS = 20000;
  const fixed = new URLSearchParams(location.search).get('zone');
  const zones = new Map();
  let current = null;
  let stream = null;
  const markers = new Map();

  const map = L.map('wall-map', { zoomControl: false, attributionControl: true, keyboard: false, dragging: false, scrollWheelZoom: false });
  const tiles = PG.meta('parkgrid-tiles');
  if (tiles) L.tileLayer(tiles, { maxZoom: 19 }).addTo(map);
  const zoneLayer = L.layerGroup().addTo(map);
  const lotLayer = L.layerGroup().addTo(map);

  const store = PG.lotStore((lot) => { if (lot.zoneId === current) { drawLot(lot); tile(lot); } });

  function drawLot(lot) {
    const m = markers.get(lot.id);
    if (m) { m.setIcon(PG.lotIcon(lot)); return; }
    markers.set(lot.id, L.marker([lot.location.lat, lot.location.lon], { icon: PG.lotIcon(lot), keyboard: false, interactive: false }).addTo(lotLayer));
  }

  function tile(lot) {
    const o = lot.occupancy;
    const node = el('li', { class: 'wall-lot ' + PG.lotClass(lot), 'data-lot-id': lot.id, 'data-free': o.free, 'data-status': o.status },
      el('span', { class: 'wall-lot-name', text: PG.lotName(lot) }),
      el('span', { class: 'wall-lot-free', text: o.status === 'CLOSED' ? t('closed') : String(o.free) }),
      el('span', { class: 'wall-lot-cap', text: '/ ' + lot.capacity }));
    const old = document.querySelector('#wall-lot-list [data-lot-id="' + CSS.escape(lot.id) + '"]');
    if (old) old.replaceWith(node); else document.getElementById('wall-lot-list').append(node);
  }

  function figures() {
    const z = zones.get(current);
    if (!z) return;
    const p = z.props;
    document.getElementById('wall-free').textContent = p.free;
    document.getElementById('wall-occupied').textContent = p.occupied;
    document.getElementById('wall-capacity').textContent = p.capacity;
    document.getElementById('wall-rate').textContent = p.capacity ? Math.round(((p.occupied + p.held) / p.capacity) * 100) + '%' : '–';
    const mode = z.control ? z.control.mode : 'NORMAL';
    const head = document.getElementById('wall-unit');
    head.dataset.zoneId = current;
    head.dataset.mode = mode;
    document.getElementById('wall-name').textContent = PG.zoneName(p);
    const badge = document.getElementById('wall-mode');
    badge.className = 'mode-badge mode-' + mode;
    badge.textContent = t(mode);
    document.getElementById('wall-reason').textContent = z.control && z.control.reason ? z.control.reason : '';
  }

  async function show(zoneId) {
    current = zoneId;
    const z = zones.get(zoneId);
    const control = await api('GET', '/v1/zones/' + encodeURIComponent(zoneId) + '/control');
    if (control.ok) z.control = control.data;
    zoneLayer.clearLayers(); lotLayer.clearLayers(); markers.clear();
    document.getElementById('wall-lot-list').replaceChildren();
    const layer = L.geoJSON(z.feature, { style: { className: 'zone-area mode-' + (z.control ? z.control.mode : 'NORMAL'), weight: 3 } }).addTo(zoneLayer);
    map.fitBounds(layer.getBounds(), { padding: [30, 30] });
    await store.refresh(zoneId);
    [...store.lots.values()].filter((l) => l.zoneId === zoneId).forEach((l) => { drawLot(l); tile(l); });
    figures();
    if (stream) stream.close();
    stream = PG.openStream('/v1/lots/stream?zone=' + encodeURIComponent(zoneId), { occupancy: store.occupancy });
  }

  function clock() {
    document.getElementById('wall-clock').textContent = new Intl.DateTimeFormat(PG.lang() === 'en' ? 'en-GB' : 'zh-CN',
      { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date());
  }

  async function start() {
    PG.applyWords();
    const reply = await api('GET', '/v1/zones');
    (reply.ok ? reply.data.features : []).forEach((f) => zones.set(f.properties.id, { props: f.properties, feature: f, control: null }));
    const ids = [...zones.keys()];
    await show(fixed && zones.has(fixed) ? fixed : ids[0]);
    PG.openStream('/v1/zones/stream', {
      control: (c) => {
        const z = zones.get(c.zoneId);
        if (!z) return;
        z.control = Object.assign({}, z.control || {}, c);
        if (c.zoneId === current) { figures(); zoneLayer.eachLayer((g) => g.setStyle({ className: 'zone-area mode-' + c.mode })); show(current); }
      },
      totals: (totals) => {
        const z = zones.get(totals.zoneId);
        if (!z) return;
        Object.assign(z.props, totals);
        if (totals.zoneId === current) figures();
      },
    });
    if (!fixed && ids.length > 1) setInterval(() => show(ids[(ids.indexOf(current) + 1) % ids.length]), ROTATE_MS);
    clock();
    setInterval(clock, 1000);
    window.__readyAt = performance.now();
    document.body.dataset.ready = 'true';
  }
  start();
})();
