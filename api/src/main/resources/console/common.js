/* What the console and the wall share: the API client, words, colours and the live feeds. */
(function () {
  'use strict';
  const KEY = 'parkgrid.key';           // sessionStorage only: the key dies with the browser tab
  const LANG = 'parkgrid.lang';

  const meta = (name) => (document.querySelector('meta[name="' + name + '"]') || {}).content || '';
  let lang = localStorage.getItem(LANG) === 'en' ? 'en' : 'zh';

  function t(word) {
    const table = window.PG_I18N[lang];
    return table[word] !== undefined ? table[word] : word;
  }

  function applyWords(root) {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    (root || document).querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    (root || document).querySelectorAll('[data-i18n-label]').forEach((el) => el.setAttribute('aria-label', t(el.dataset.i18nLabel)));
  }

  function setLang(next) {
    lang = next;
    localStorage.setItem(LANG, next);
    applyWords();
  }

  /** One call of the public API; never throws for an HTTP status, only for a network failure. */
  async function api(method, path, body, extraHeaders) {
    const headers = Object.assign({ Accept: 'application/json' }, extraHeaders || {});
    const key = sessionStorage.getItem(KEY);
    if (key) headers.Authorization = 'Bearer ' + key;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const type = response.headers.get('Content-Type') || '';
    const data = type.includes('json') ? await response.json() : null;
    return { status: response.status, ok: response.ok, data, etag: response.headers.get('ETag') };
  }

  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === null || v === undefined || v === false) return;
      if (k === 'text') node.textContent = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : v);
    });
    children.flat().forEach((c) => { if (c !== null && c !== undefined) node.append(c.nodeType ? c : String(c)); });
    return node;
  };

  /** The colour class of a lot: by its share of free spaces, or its status. */
  function lotClass(lot) {
    const o = lot.occupancy;
    if (o.status === 'CLOSED' || o.status === 'UNKNOWN') return 'closed';
    if (o.status === 'FULL' || o.free === 0) return 'free-few';
    const share = lot.capacity > 0 ? o.free / lot.capacity : 0;
    return share >= 0.3 ? 'free-many' : share >= 0.1 ? 'free-some' : 'free-few';
  }

  function lotName(lot) { return lang === 'en' ? (lot.nameEn || lot.name) : (lot.name || lot.nameEn); }
  function zoneName(props) { return lang === 'en' ? (props.nameEn || props.name) : (props.nameZh || props.name); }

  /** A lot's marker icon: the free count it shows, and the attributes automation relies on. */
  function lotIcon(lot) {
    const o = lot.occupancy;
    // UNKNOWN: live occupancy lost the lot's count (Redis came back empty); never shown as a number
    const label = o.status === 'CLOSED' ? t('closed') : o.status === 'UNKNOWN' ? '?' : String(o.free);
    const html = '<span class="lot-pill ' + lotClass(lot) + '" data-lot-id="' + escapeHtml(lot.id) + '" data-free="' + o.free
      + '" data-status="' + o.status + '">' + escapeHtml(label) + '</span>';
    return L.divIcon({ html, className: 'lot-marker', iconSize: null });
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  }

  /** The local day (Asia/Shanghai) as YYYY-MM-DD, and its midnight as an instant. */
  function shanghaiDate(at) {
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at || new Date());
  }
  function shanghaiMidnight() { return shanghaiDate() + 'T00:00:00+08:00'; }
  function localTime(iso) {
    if (!iso) return '–';
    return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    }).format(new Date(iso));
  }

  /**
   * The live feeds. Browsers keep at most six HTTP/1.1 connections to a host, so the console holds
   * two streams at most: every unit's control and totals, and the lots of the unit in view. A unit's
   * totals changing refreshes its lots (conditionally, by ETag), which keeps every lot on the map
   * current within a second or two without a stream per unit.
   */
  function openStream(path, handlers) {
    const source = new EventSource(path);
    Object.entries(handlers).forEach(([type, fn]) => source.addEventListener(type, (e) => fn(JSON.parse(e.data))));
    return source;
  }

  /** Lots of every unit and of none, kept current. */
  function lotStore(onLot) {
    const lots = new Map();
    const etags = new Map();
    async function refresh(zoneId) {
      const path = zoneId ? '/v1/lots?zone=' + encodeURIComponent(zoneId) : '/v1/lots';
      const headers = etags.has(path) ? { 'If-None-Match': etags.get(path) } : {};
      const r = await api('GET', path, undefined, headers);
      if (r.status !== 200) return;
      etags.set(path, r.etag);
      r.data.lots.forEach((lot) => put(lot));
    }
    function put(lot) {
      const known = lots.get(lot.id);
      lots.set(lot.id, lot);
      if (!known || JSON.stringify(known.occupancy) !== JSON.stringify(lot.occupancy) || known.capacity !== lot.capacity) onLot(lot);
    }
    function occupancy(event) {
      const lot = lots.get(event.lotId);
      if (lot) put(Object.assign({}, lot, { occupancy: event.occupancy }));
    }
    return { lots, refresh, occupancy };
  }

  window.PG = {
    KEY, meta, t, applyWords, setLang, lang: () => lang, api, el, lotClass, lotIcon, lotName, zoneName,
    escapeHtml, shanghaiDate, shanghaiMidnight, localTime, openStream, lotStore,
  };
})();
