/* The console: the district's map, live; a unit's or a lot's panel; the controls the caller may use. */
(function () {
  'use strict';
  const { t, api, el } = PG;
  const zones = new Map();        // zoneId → {props, control, layer}
  let who = { role: 'ANONYMOUS' };
  let lotStream = null;
  let view = null;                // {type: 'zone'|'lot', id}
  const markers = new Map();      // lotId → Leaflet marker

  const map = L.map('map', { keyboard: true, zoomSnap: 0.5 }).setView([31.302, 121.515], 14);
  const tiles = PG.meta('parkgrid-tiles');
  if (tiles) L.tileLayer(tiles, { maxZoom: 19 }).addTo(map);
  const regionLayer = L.layerGroup().addTo(map);
  const zoneLayer = L.layerGroup().addTo(map);
  const lotLayer = L.layerGroup().addTo(map);

  const store = PG.lotStore((lot) => {
    drawLot(lot);
    if (view && view.type === 'lot' && view.id === lot.id) updateLotFigures(lot);
    if (view && view.type === 'zone' && view.id === lot.zoneId) updateZoneLotRow(lot);
  });

  // ---------- the map ----------
  function drawLot(lot) {
    const existing = markers.get(lot.id);
    const title = PG.lotName(lot) + ': ' + t('free') + ' ' + lot.occupancy.free + ' / ' + lot.capacity
      + (lot.occupancy.status === 'CLOSED' ? ' (' + t('closed') + ')' : '');
    if (existing) {
      existing.setIcon(PG.lotIcon(lot));
      const icon = existing.getElement();
      if (icon) { icon.title = title; icon.setAttribute('aria-label', title); }
      return;
    }
    const marker = L.marker([lot.location.lat, lot.location.lon], { icon: PG.lotIcon(lot), title, keyboard: true })
      .on('click', () => go('lot', lot.id))
      .addTo(lotLayer);
    const icon = marker.getElement();
    icon.setAttribute('aria-label', title);
    icon.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); go('lot', lot.id); } });
    markers.set(lot.id, marker);
  }

  function drawZone(feature) {
    const id = feature.properties.id;
    const layer = L.geoJSON(feature, { style: () => ({ className: 'zone-area', weight: 2 }) })
      .on('click', () => go('zone', id))
      .addTo(zoneLayer);
    zones.set(id, { props: feature.properties, control: zones.has(id) ? zones.get(id).control : null, layer });
  }

  function markZone(id) {
    const zone = zones.get(id);
    if (!zone) return;
    const mode = zone.control ? zone.control.mode : 'NORMAL';
    zone.layer.eachLayer((l) => {
      const path = l.getElement && l.getElement();
      if (path) {
        path.setAttribute('data-zone-id', id);
        path.setAttribute('data-mode', mode);
        path.setAttribute('class', 'leaflet-interactive zone-area mode-' + mode);
      }
    });
    const card = document.querySelector('#unit-list [data-zone-id="' + CSS.escape(id) + '"]');
    if (card) {
      card.dataset.mode = mode;
      card.className = 'unit-card mode-' + mode;
      card.querySelector('.unit-mode').textContent = t(mode);
      card.querySelector('.unit-free').textContent = t('free') + ' ' + zone.props.free + ' / ' + zone.props.capacity;
    }
  }

  function unitCards() {
    const list = document.getElementById('unit-list');
    list.replaceChildren(...[...zones.entries()].map(([id, zone]) => el('li', {},
      el('button', { type: 'button', class: 'unit-card', 'data-zone-id': id, 'data-mode': 'NORMAL', onclick: () => go('zone', id) },
        el('span', { class: 'unit-name', text: PG.zoneName(zone.props) }),
        el('span', { class: 'unit-mode', text: '' }),
        el('span', { class: 'unit-free', text: '' })))));
    zones.forEach((z, id) => markZone(id));
  }

  async function drawRegions(center) {
    const chain = await api('GET', '/v1/regions/locate?lat=' + center.lat + '&lon=' + center.lng);
    if (!chain.ok) return;
    const district = chain.data.chain.find((r) => r.level === 'DISTRICT');
    if (!district) return;
    const [outline, children] = await Promise.all([
      api('GET', '/v1/regions/' + encodeURIComponent(district.id)),
      api('GET', '/v1/regions/' + encodeURIComponent(district.id) + '/children'),
    ]);
    if (children.ok) L.geoJSON(children.data, { interactive: false, style: { className: 'region-sub', weight: 1, fill: false } }).addTo(regionLayer);
    if (outline.ok) L.geoJSON(outline.data, { interactive: false, style: { className: 'region-district', weight: 3, fill: false } }).addTo(regionLayer);
  }

  // ---------- who is signed in (from what the API lets the key do: there is no "who am I" endpoint) ----------
  async function identify() {
    if (!sessionStorage.getItem(PG.KEY)) return { role: 'ANONYMOUS' };
    const someZone = [...zones.keys()][0];
    const audit = await api('GET', '/v1/zones/' + encodeURIComponent(someZone) + '/audit');
    if (audit.status === 401) return { role: 'INVALID' };
    if (audit.status === 200) return { role: 'BUREAU' };
    const operators = [...new Set([...store.lots.values()].map((l) => l.operatorId))];
    const date = PG.shanghaiDate();
    const answers = await Promise.all(operators.map((op) =>
      api('GET', '/v1/operators/' + encodeURIComponent(op) + '/settlements?date=' + date).then((r) => (r.status === 200 ? op : null))));
    const own = answers.find((op) => op !== null);
    return own ? { role: 'OPERATOR', id: own } : { role: 'OTHER' };
  }

  function showSession() {
    const signedIn = who.role !== 'ANONYMOUS';
    document.getElementById('signin').hidden = signedIn;
    document.getElementById('session').hidden = !signedIn;
    const label = document.getElementById('who');
    label.dataset.role = who.role;
    label.textContent = t('signedInAs') + ': ' + t(who.role) + (who.id ? ' ' + who.id : '');
    document.body.dataset.role = who.role;
  }

  document.getElementById('signin').addEventListener('submit', async (e) => {
    e.preventDefault();
    const key = document.getElementById('key').value.trim();
    const error = document.getElementById('signin-error');
    error.textContent = '';
    if (!key) return;
    sessionStorage.setItem(PG.KEY, key);
    who = await identify();
    if (who.role === 'INVALID') {
      sessionStorage.removeItem(PG.KEY);
      who = { role: 'ANONYMOUS' };
      error.textContent = t('badKey');
    }
    document.getElementById('key').value = '';
    showSession();
    render();
  });
  document.getElementById('signout').addEventListener('click', () => {
    sessionStorage.removeItem(PG.KEY);
    who = { role: 'ANONYMOUS' };
    showSession();
    render();
    document.getElementById('key').focus();
  });
  document.getElementById('lang').addEventListener('click', () => {
    PG.setLang(PG.lang() === 'en' ? 'zh' : 'en');
    langButton();
    unitCards();
    store.lots.forEach(drawLot);
    render();
  });
  function langButton() {
    const b = document.getElementById('lang');
    b.textContent = PG.lang() === 'en' ? '中文' : 'English';
    b.lang = PG.lang() === 'en' ? 'zh-CN' : 'en';
  }

  // ---------- navigation ----------
  function go(type, id) { location.hash = type + '=' + encodeURIComponent(id); }
  window.addEventListener('hashchange', () => render(true));
  function parseHash() {
    const m = /^#(zone|lot)=(.+)$/.exec(location.hash);
    return m ? { type: m[1], id: decodeURIComponent(m[2]) } : null;
  }

  function follow(zoneId) {
    if (lotStream && lotStream.zoneId === zoneId) return;
    if (lotStream) lotStream.close();
    lotStream = zoneId ? PG.openStream('/v1/lots/stream?zone=' + encodeURIComponent(zoneId), { occupancy: store.occupancy }) : null;
    if (lotStream) lotStream.zoneId = zoneId;
  }

  async function render(focus) {
    view = parseHash();
    const detail = document.getElementById('detail');
    if (!view) { detail.replaceChildren(); follow([...zones.keys()][0]); return; }
    if (view.type === 'zone' && zones.has(view.id)) {
      follow(view.id);
      await renderZone(detail, view.id);
    } else if (view.type === 'lot' && store.lots.has(view.id)) {
      follow(store.lots.get(view.id).zoneId);
      await renderLot(detail, store.lots.get(view.id));
    } else {
      detail.replaceChildren(el('p', { text: t('none') }));
    }
    const heading = detail.querySelector('h2');
    if (focus && heading) { heading.tabIndex = -1; heading.focus(); }
  }

  // ---------- forms: a refused action shows the problem's message beside the field it names ----------
  let fieldCounter = 0;
  function field(name, label, input) {
    const id = 'f' + (++fieldCounter);
    const errorId = id + '-error';
    input.id = id;
    if (!input.name) input.name = name;
    input.setAttribute('aria-describedby', errorId);
    return el('div', { class: 'field', 'data-field': name },
      el('label', { for: id, text: label }), input, el('p', { class: 'field-error', id: errorId, role: 'alert' }));
  }
  function choiceGroup(name, label, options, chosen) {
    const fieldset = el('fieldset', { class: 'field choices', 'data-field': name }, el('legend', { text: label }));
    options.forEach(([value, text]) => {
      const id = 'f' + (++fieldCounter);
      fieldset.append(el('span', { class: 'choice' },
        el('input', { type: 'checkbox', id, name, value, checked: chosen.includes(value) }), el('label', { for: id, text })));
    });
    fieldset.append(el('p', { class: 'field-error', role: 'alert' }));
    return fieldset;
  }
  function select(options, value) {
    return el('select', {}, ...options.map(([v, text]) => el('option', { value: v, selected: v === value, text })));
  }
  function clearProblems(form) {
    form.querySelectorAll('.field-error, .form-error').forEach((p) => { p.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach((i) => i.removeAttribute('aria-invalid'));
    const done = form.querySelector('.form-done');
    if (done) done.textContent = '';
  }
  function showProblem(form, reply, fallbackField) {
    const problem = reply.data || {};
    const message = problem.detail || problem.title || ('HTTP ' + reply.status);
    const named = problem.field || (Array.isArray(problem.errors) && problem.errors[0] && problem.errors[0].field) || fallbackField;
    const slots = [...form.querySelectorAll('[data-field]')];
    const slot = named && (slots.find((s) => s.dataset.field === named)
      || slots.find((s) => named.startsWith(s.dataset.field + '.') || named.startsWith(s.dataset.field + '[')));
    if (slot) {
      slot.querySelector('.field-error').textContent = message;
      const input = slot.querySelector('input, select');
      if (input) { input.setAttribute('aria-invalid', 'true'); input.focus(); }
    } else {
      form.querySelector('.form-error').textContent = message;
    }
  }
  function formShell(id, title, submitLabel, onSubmit, ...fields) {
    const form = el('form', { id, class: 'panel-form', novalidate: true },
      el('h3', { text: title }), ...fields,
      el('p', { class: 'form-error', role: 'alert' }),
      el('div', { class: 'form-actions' }, el('button', { type: 'submit', text: submitLabel }), el('span', { class: 'form-done', role: 'status' })));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearProblems(form);
      const reply = await onSubmit(form);
      if (reply && !reply.ok) showProblem(form, reply, reply.fallbackField);
      else if (reply) form.querySelector('.form-done').textContent = t('saved');
    });
    return form;
  }
  const value = (form, name) => (form.elements[name] ? form.elements[name].value.trim() : '');
  const checked = (form, name) => [...form.querySelectorAll('input[name="' + name + '"]:checked')].map((i) => i.value);
  /** A number as typed, or the text itself, so that the API says what is wrong with it. */
  const numberOrText = (text) => (text === '' ? undefined : Number.isFinite(Number(text)) ? Number(text) : text);

  function facts(pairs) {
    return el('dl', { class: 'facts' }, ...pairs.flatMap(([k, v, attrs]) => [el('dt', { text: k }), el('dd', Object.assign({ text: v }, attrs || {}))]));
  }

  // ---------- a unit's panel ----------
  async function renderZone(detail, id) {
    const zone = zones.get(id);
    const [control, schedules, trigger, history] = await Promise.all([
      api('GET', '/v1/zones/' + encodeURIComponent(id) + '/control'),
      api('GET', '/v1/zones/' + encodeURIComponent(id) + '/schedules'),
      api('GET', '/v1/zones/' + encodeURIComponent(id) + '/trigger'),
      api('GET', '/v1/zones/' + encodeURIComponent(id) + '/history?from=' + encodeURIComponent(PG.shanghaiMidnight()) + '&step=PT15M'),
    ]);
    if (control.ok) zone.control = control.data;
    markZone(id);
    const c = zone.control || { mode: 'NORMAL', source: 'DEFAULT', policy: {} };
    const p = zone.props;
    const lotsHere = [...store.lots.values()].filter((l) => l.zoneId === id);
    const parts = [
      el('h2', { text: PG.zoneName(p) }),
      el('p', { class: 'mode-badge mode-' + c.mode, id: 'zone-mode', 'data-mode': c.mode, text: t('mode') + ': ' + t(c.mode) }),
      facts([
        [t('source'), t(c.source)], [t('reason'), c.reason || '–'], [t('since'), PG.localTime(c.since)],
        [t('until'), PG.localTime(c.until)], [t('setBy'), c.setBy || '–'],
        [t('capacity'), p.capacity, { id: 'zone-capacity' }], [t('occupied'), p.occupied, { id: 'zone-occupied' }],
        [t('held'), p.held, { id: 'zone-held' }], [t('free'), p.free, { id: 'zone-free' }],
      ]),
      el('h3', { text: t('today') }),
      PG_CHART.dayChart(history.ok ? history.data.buckets.map((b) => ({ at: new Date(b.at), share: b.capacity ? (b.occupiedMean + b.heldMean) / b.capacity : 0 })) : [], t('today')),
      el('div', { id: 'forecast' }),
      el('h3', { text: t('lotsInUnit') }),
      el('ul', { class: 'lot-rows', id: 'zone-lots' }, ...lotsHere.map(lotRow)),
    ];
    if (who.role === 'BUREAU') parts.push(controlForm(id, c, lotsHere));
    parts.push(schedulesSection(id, schedules.ok ? schedules.data.schedules : []));
    parts.push(triggerSection(id, trigger.ok ? trigger.data : null));
    if (who.role === 'BUREAU') parts.push(await auditSection(id));
    detail.replaceChildren(...parts);
    forecast('/v1/zones/' + encodeURIComponent(id) + '/forecast');
  }

  function lotRow(lot) {
    return el('li', { 'data-row-lot': lot.id },
      el('button', { type: 'button', class: 'link', onclick: () => go('lot', lot.id), text: PG.lotName(lot) }),
      el('span', { class: 'pill ' + PG.lotClass(lot), text: lot.occupancy.status === 'CLOSED' ? t('closed') : t('free') + ' ' + lot.occupancy.free }));
  }
  function updateZoneLotRow(lot) {
    const row = document.querySelector('[data-row-lot="' + CSS.escape(lot.id) + '"]');
    if (row) row.replaceWith(lotRow(lot));
  }

  function controlForm(id, c, lotsHere) {
    const policy = c.policy || {};
    const reserved = Object.entries(policy.reservedSpaces || {}).map(([k, v]) => k + '=' + v).join(', ');
    const others = [...zones.entries()].filter(([z]) => z !== id).map(([z, zone]) => [z, PG.zoneName(zone.props)]);
    return formShell('control-form', t('control'), t('apply'), async (form) => {
      const body = { mode: value(form, 'mode') };
      if (value(form, 'reason')) body.reason = value(form, 'reason');
      if (value(form, 'until')) body.until = new Date(value(form, 'until')).toISOString();
      const pol = {};
      const target = numberOrText(value(form, 'policy.targetOccupancy'));
      if (target !== undefined) pol.targetOccupancy = target;
      const closed = checked(form, 'policy.closedLots');
      if (closed.length) pol.closedLots = closed;
      const divert = checked(form, 'policy.divertTo');
      if (divert.length) pol.divertTo = divert;
      const spaces = value(form, 'policy.reservedSpaces');
      if (spaces) {
        pol.reservedSpaces = {};
        spaces.split(/[,，]/).map((s) => s.trim()).filter(Boolean).forEach((pair) => {
          const [lot, n] = pair.split('=').map((s) => s.trim());
          pol.reservedSpaces[lot] = numberOrText(n || '');
        });
      }
      if (Object.keys(pol).length) body.policy = pol;
      const reply = await api('PUT', '/v1/zones/' + encodeURIComponent(id) + '/control', body);
      if (reply.ok) { zones.get(id).control = reply.data; markZone(id); store.refresh(id); setTimeout(() => render(false), 0); }
      return reply;
    },
    field('mode', t('mode'), select(['NORMAL', 'MANAGED', 'EMERGENCY'].map((m) => [m, t(m)]), c.source === 'MANUAL' ? c.mode : 'NORMAL')),
    field('reason', t('reason'), el('input', { type: 'text', maxlength: 500, value: c.reason || '' })),
    field('until', t('until'), el('input', { type: 'datetime-local' })),
    field('policy.targetOccupancy', t('targetOccupancy'), el('input', { type: 'number', step: '0.01', min: '0', max: '1', value: policy.targetOccupancy == null ? '' : policy.targetOccupancy })),
    choiceGroup('policy.closedLots', t('closedLots'), lotsHere.map((l) => [l.id, PG.lotName(l)]), policy.closedLots || []),
    field('policy.reservedSpaces', t('reservedSpaces'), el('input', { type: 'text', value: reserved, placeholder: 'wanda-plaza=20' })),
    choiceGroup('policy.divertTo', t('divertTo'), others, policy.divertTo || []));
  }

  function schedulesSection(id, schedules) {
    const section = el('section', { class: 'sub' }, el('h3', { text: t('schedules') }));
    const list = el('ul', { id: 'schedule-list' });
    if (!schedules.length) list.append(el('li', { text: t('noSchedules') }));
    schedules.forEach((s) => list.append(el('li', {}, t(s.mode) + ' · ' + s.description,
      who.role === 'BUREAU' ? el('button', { type: 'button', class: 'small', text: t('delete'), 'aria-label': t('delete') + ' ' + s.description,
        onclick: async () => { await api('DELETE', '/v1/zones/' + encodeURIComponent(id) + '/schedules/' + encodeURIComponent(s.id)); render(false); } }) : null)));
    section.append(list);
    if (who.role === 'BUREAU') {
      const days = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
      section.append(formShell('schedule-form', '+ ' + t('schedules'), t('apply'), async (form) => {
        const reply = await api('POST', '/v1/zones/' + encodeURIComponent(id) + '/schedules',
          { mode: value(form, 'mode'), days: checked(form, 'days'), from: value(form, 'from'), to: value(form, 'to') });
        if (reply.ok) setTimeout(() => render(false), 0);
        return reply;
      },
      field('mode', t('mode'), select(['MANAGED', 'EMERGENCY'].map((m) => [m, t(m)]), 'MANAGED')),
      choiceGroup('days', 'MON–SUN', days.map((d) => [d, d]), ['SAT', 'SUN']),
      field('from', 'from', el('input', { type: 'time', value: '10:00' })),
      field('to', 'to', el('input', { type: 'time', value: '22:00' }))));
    }
    return section;
  }

  function triggerSection(id, trigger) {
    const section = el('section', { class: 'sub' }, el('h3', { text: t('trigger') }));
    section.append(el('p', { id: 'trigger-state', text: trigger
      ? t(trigger.mode) + ' · ' + t('occupancyAbove') + ' ' + trigger.occupancyAbove + ' · ' + t('forMinutes') + ' ' + trigger.forMinutes
        + ' · ' + t('releaseBelow') + ' ' + trigger.releaseBelow + (trigger.activeSince ? ' · ' + t('active') : '')
      : t('noTrigger') }));
    if (who.role === 'BUREAU') {
      section.append(formShell('trigger-form', t('trigger'), t('apply'), async (form) => {
        const reply = await api('PUT', '/v1/zones/' + encodeURIComponent(id) + '/trigger', {
          mode: value(form, 'mode'), occupancyAbove: numberOrText(value(form, 'occupancyAbove')), forMinutes: numberOrText(value(form, 'forMinutes')) });
        if (reply.ok) setTimeout(() => render(false), 0);
        return reply;
      },
      field('mode', t('mode'), select(['MANAGED', 'EMERGENCY'].map((m) => [m, t(m)]), trigger ? trigger.mode : 'MANAGED')),
      field('occupancyAbove', t('occupancyAbove'), el('input', { type: 'number', step: '0.01', value: trigger ? trigger.occupancyAbove : 0.9 })),
      field('forMinutes', t('forMinutes'), el('input', { type: 'number', step: '1', value: trigger ? trigger.forMinutes : 10 }))));
    }
    return section;
  }

  async function auditSection(id) {
    const audit = await api('GET', '/v1/zones/' + encodeURIComponent(id) + '/audit');
    const entries = audit.ok ? audit.data.entries : [];
    return el('section', { class: 'sub' }, el('h3', { text: t('audit') }),
      el('ol', { id: 'audit-log', class: 'audit' }, ...(entries.length ? entries.slice(0, 50).map((e) =>
        el('li', { 'data-action': e.action }, el('time', { datetime: e.at, text: PG.localTime(e.at) }), ' ' + e.actor + ' · ' + e.action + ' · ' + e.detail))
        : [el('li', { text: t('noAudit') })])));
  }

  /** The forecast ahead, shown only when the platform offers one (the endpoint may not exist). */
  async function forecast(path) {
    const now = Date.now();
    const replies = await Promise.all([30, 60, 120].map((m) =>
      api('GET', path + '?at=' + encodeURIComponent(new Date(now + m * 60000).toISOString())).then((r) => [m, r]).catch(() => [m, { ok: false }])));
    const slot = document.getElementById('forecast');
    if (!slot || replies.some(([, r]) => r.status !== 200)) return;
    slot.replaceChildren(el('h3', { text: t('forecast') }), el('table', { class: 'forecast' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: '' }), el('th', { scope: 'col', text: t('expected') }), el('th', { scope: 'col', text: t('probabilityFree') }))),
      el('tbody', {}, ...replies.map(([m, r]) => el('tr', {},
        el('th', { scope: 'row', text: '+' + m + ' ' + t('minutes') }),
        el('td', { text: Math.round(r.data.expectedFree) + ' (' + Math.round(r.data.low) + '–' + Math.round(r.data.high) + ')' }),
        el('td', { text: Math.round(r.data.probabilityFree * 100) + '%' }))))));
  }

  // ---------- a lot's panel ----------
  async function renderLot(detail, lot) {
    const base = '/v1/lots/' + encodeURIComponent(lot.id);
    const [tariff, versions, history] = await Promise.all([
      api('GET', base + '/tariff'),
      api('GET', base + '/tariffs'),
      api('GET', base + '/history?from=' + encodeURIComponent(PG.shanghaiMidnight()) + '&step=PT15M'),
    ]);
    const o = lot.occupancy;
    const parts = [
      el('h2', { text: PG.lotName(lot) }),
      lot.zoneId ? el('button', { type: 'button', class: 'link', onclick: () => go('zone', lot.zoneId), text: '← ' + PG.zoneName(zones.get(lot.zoneId).props) }) : null,
      facts([
        [t('status'), t(o.status === 'CLOSED' ? 'closed' : o.status === 'FULL' ? 'full' : 'open'), { id: 'lot-status', 'data-status': o.status }],
        [t('free'), o.free, { id: 'lot-free' }], [t('occupied'), o.occupied, { id: 'lot-occupied' }],
        [t('held'), o.held, { id: 'lot-held' }], [t('capacity'), lot.capacity, { id: 'lot-capacity' }],
        [t('overflow'), o.overflow, { id: 'lot-overflow' }], [t('operator'), lot.operatorId], [t('kind'), lot.kind],
        [t('updatedAt'), PG.localTime(o.updatedAt), { id: 'lot-updated' }],
      ]),
      el('h3', { text: t('tariff') }),
      tariff.ok ? facts(['freeMinutes', 'dayRateFen', 'nightRateFen', 'dayStarts', 'nightStarts', 'dailyCapFen'].map((k) => [t(k), tariff.data[k]])
        .concat((tariff.data.bandRates || []).map((b) => [bandLabel(b), b.rateFen])))
        : el('p', { text: t('noTariff') }),
      scheduledTariffs(versions.ok ? versions.data.versions : []),
      el('h3', { text: t('today') }),
      PG_CHART.dayChart(history.ok ? history.data.buckets.map((b) => ({ at: new Date(b.at), share: b.capacity ? (b.occupiedMean + b.heldMean) / b.capacity : 0 })) : [], t('today')),
      el('div', { id: 'forecast' }),
    ];
    if (who.role === 'OPERATOR' && who.id === lot.operatorId) parts.push(...lotForms(lot, tariff.ok ? tariff.data : null));
    detail.replaceChildren(...parts.filter(Boolean));
    forecast(base + '/forecast');
  }

  function bandLabel(b) {
    return b.days.join(',') + ' ' + b.from + '–' + b.to + ' (' + t('fen') + ')';
  }

  /** Versions still to take effect (a bureau's reviewed rates among them): published before they apply. */
  function scheduledTariffs(versions) {
    const now = Date.now();
    const ahead = versions.filter((v) => Date.parse(v.effectiveFrom) > now);
    if (!ahead.length) return null;
    return el('section', { class: 'sub' }, el('h3', { text: t('scheduledRates') }),
      el('ul', { id: 'tariff-scheduled' }, ...ahead.map((v) => el('li', { 'data-effective-from': v.effectiveFrom },
        el('time', { datetime: v.effectiveFrom, text: PG.localTime(v.effectiveFrom) }),
        ' ' + t('dayRateFen') + ' ' + v.dayRateFen + ' · ' + t('nightRateFen') + ' ' + v.nightRateFen
          + (v.bandRates || []).map((b) => ' · ' + bandLabel(b) + ' ' + b.rateFen).join('')
          + (v.pricingPolicy ? ' · ' + t('byPolicy') + ' ' + v.pricingPolicy : '')))));
  }

  function updateLotFigures(lot) {
    const o = lot.occupancy;
    const set = (id, v) => { const n = document.getElementById(id); if (n) n.textContent = v; };
    set('lot-free', o.free); set('lot-occupied', o.occupied); set('lot-held', o.held);
    set('lot-capacity', lot.capacity); set('lot-overflow', o.overflow); set('lot-updated', PG.localTime(o.updatedAt));
    const status = document.getElementById('lot-status');
    if (status) { status.dataset.status = o.status; status.textContent = t(o.status === 'CLOSED' ? 'closed' : o.status === 'FULL' ? 'full' : 'open'); }
  }

  function lotForms(lot, tariff) {
    const base = '/v1/lots/' + encodeURIComponent(lot.id);
    const status = formShell('status-form', t('status'), t('apply'), async (form) => {
      const reply = await api('PUT', base + '/status', { status: value(form, 'status') });
      reply.fallbackField = 'status';
      if (reply.ok) store.refresh(lot.zoneId);
      return reply;
    }, field('status', t('status'), select([['OPEN', t('open')], ['CLOSED', t('closed')]], lot.occupancy.status === 'CLOSED' ? 'CLOSED' : 'OPEN')));
    const capacity = formShell('capacity-form', t('capacity'), t('save'), async (form) => {
      const reply = await api('PUT', base, { capacity: numberOrText(value(form, 'capacity')) });
      reply.fallbackField = 'capacity';
      if (reply.ok) store.refresh(lot.zoneId);
      return reply;
    }, field('capacity', t('capacity'), el('input', { type: 'number', step: '1', min: '0', value: lot.capacity })));
    const tf = tariff || { freeMinutes: 15, dayRateFen: 1000, nightRateFen: 500, dayStarts: '08:00', nightStarts: '20:00', dailyCapFen: 6000 };
    const names = ['freeMinutes', 'dayRateFen', 'nightRateFen', 'dayStarts', 'nightStarts', 'dailyCapFen'];
    const tariffForm = formShell('tariff-form', t('tariff'), t('save'), async (form) => {
      const body = {};
      names.forEach((k) => { body[k] = k.endsWith('Starts') ? value(form, k) : numberOrText(value(form, k)); });
      return api('PUT', base + '/tariff', body);
    }, ...names.map((k) => field(k, t(k), el('input', { type: k.endsWith('Starts') ? 'time' : 'number', value: tf[k] }))));
    return [el('h3', { class: 'section-title', text: t('lotControls') }), status, capacity, tariffForm];
  }

  // ---------- start ----------
  async function start() {
    PG.applyWords();
    langButton();
    if (PG.meta('parkgrid-mode') === 'dev') document.getElementById('signin-hint').textContent = t('devHint');
    const [zoneReply] = await Promise.all([api('GET', '/v1/zones'), store.refresh(null)]);
    (zoneReply.ok ? zoneReply.data.features : []).forEach(drawZone);
    unitCards();
    if (zones.size) map.fitBounds(L.featureGroup([...zones.values()].map((z) => z.layer)).getBounds(), { padding: [20, 20] });
    drawRegions(map.getCenter()).catch(() => {});
    PG.openStream('/v1/zones/stream', {
      control: (c) => {
        const zone = zones.get(c.zoneId);
        if (!zone) return;
        zone.control = Object.assign({}, zone.control || { policy: {} }, c);
        markZone(c.zoneId);
        store.refresh(c.zoneId);
        if (view && view.type === 'zone' && view.id === c.zoneId) render(false);
      },
      totals: (totals) => {
        const zone = zones.get(totals.zoneId);
        if (!zone) return;
        Object.assign(zone.props, totals);
        markZone(totals.zoneId);
        if (view && view.type === 'zone' && view.id === totals.zoneId) {
          ['capacity', 'occupied', 'held', 'free'].forEach((k) => { const n = document.getElementById('zone-' + k); if (n) n.textContent = totals[k]; });
        }
        if (!lotStream || lotStream.zoneId !== totals.zoneId) store.refresh(totals.zoneId);
      },
    });
    // lots in no unit have no stream: they are read again every ten seconds (a 304 when unchanged)
    setInterval(() => store.refresh(null), 10000);
    who = await identify();
    if (who.role === 'INVALID') { sessionStorage.removeItem(PG.KEY); who = { role: 'ANONYMOUS' }; }
    showSession();
    await render(false);
    window.__readyAt = performance.now();
    document.body.dataset.ready = 'true';
  }
  start();
})();
