// xinfang web pages: search, letter view, batches, person dossier, officials
// ranking, places, repeats, trends, topics. Plain JavaScript, no libraries;
// the charts are SVG drawn here. (The monthly report at /report is rendered
// by the server.)
//
// Safety rule: every value from the archive is put on the page with
// textContent (via el()). The only HTML taken from the server is the search
// snippet, which the server escapes and marks with <em>; it is checked to hold
// no other tag before it is used (safeSnippet).
'use strict';

(function () {
  const FILTERS = ['q', 'town', 'village', 'person', 'official', 'topic', 'origin', 'batch', 'from', 'to', 'sort', 'limit'];
  const ORIGIN = { forwarded: '上级转办', local: '本级受理', unknown: '未注明' };
  const KIND = { ledger_row: '台账', txt: '文本', pdf: 'PDF', docx: 'Word' };
  const EIGHT = [
    ['who', '何人'], ['what', '何事'], ['when', '何时'], ['where', '何地'],
    ['why', '何因'], ['result', '何果'], ['demand', '何诉求'], ['disposition', '何处置'],
  ];
  const FACETS = [['town', '乡镇'], ['village', '村（社区）'], ['topic', '问题类别'], ['month', '月份'], ['origin', '来源']];
  const FACET_SHOWN = 12;

  const $ = (sel) => document.querySelector(sel);

  /** Builds an element; children are nodes or strings (strings become text). */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === null || v === undefined || v === false) continue;
        if (k === 'text') e.textContent = v;
        else if (k === 'class') e.className = v;
        else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
        else e.setAttribute(k, v === true ? '' : String(v));
      }
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  /** The snippet's HTML if it holds only text, entities and <em>; else plain text. */
  function safeSnippet(html) {
    const p = el('p', { class: 'snippet' });
    const s = String(html || '');
    if (/<(?!\/?em>)/i.test(s)) {
      p.textContent = s.replace(/<[^>]*>/g, '');
    } else {
      p.innerHTML = s;
    }
    return p;
  }

  async function api(path, options) {
    let res;
    try {
      res = await fetch(path, Object.assign({ headers: { Accept: 'application/json' } }, options || {}));
    } catch (e) {
      throw new Error('无法连接服务器，请检查网络或服务是否在运行。');
    }
    let body = null;
    try { body = await res.json(); } catch (e) { body = null; }
    if (!res.ok) {
      const msg = body && body.error ? body.error.message : ('服务器返回 ' + res.status);
      const err = new Error(describeError(res.status, body, msg));
      err.status = res.status;
      throw err;
    }
    return body;
  }

  function describeError(status, body, msg) {
    const param = body && body.error && body.error.param;
    const names = {
      q: '检索词', town: '乡镇', village: '村', person: '人员', official: '被反映人', topic: '问题类别',
      origin: '来源', batch: '批次', from: '开始日期', to: '结束日期', sort: '排序', limit: '每页件数',
      offset: '页码', files: '文件',
    };
    if (status === 400 && param) return '条件“' + (names[param] || param) + '”有误：' + msg;
    if (status === 404) return '未找到：' + msg;
    if (status === 409) return '正在入库，请稍后再试。';
    if (status === 413) return '上传的文件太大：' + msg;
    if (status === 503) return '服务器繁忙，请稍后再试。';
    return msg;
  }

  function showError(container, e) {
    container.replaceChildren(el('div', { class: 'error', role: 'alert', text: e.message }));
  }

  // ---------- navigation ----------

  function navigate(url, replace) {
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    route();
  }

  function searchHref(params) {
    const p = new URLSearchParams(params);
    for (const [k, v] of [...p.entries()]) if (v === '') p.delete(k);
    const s = p.toString();
    return s ? '/?' + s : '/';
  }

  /** A link to the current search with one filter set (and the page reset). */
  function filterHref(key, value, extra) {
    const p = new URLSearchParams(location.pathname === '/' ? location.search : '');
    p.delete('offset');
    p.set(key, value);
    if (extra) for (const [k, v] of Object.entries(extra)) p.set(k, v);
    return searchHref(p);
  }

  function filterLink(key, value, label) {
    return el('a', { href: filterHref(key, value), title: '按此筛选' }, label || value);
  }

  /** Shows one view and marks the navigation entry `nav` (a path) as current. */
  function show(view, nav) {
    for (const v of ['search', 'letter', 'batches', 'page']) $('#view-' + v).hidden = v !== view;
    for (const a of document.querySelectorAll('.mainnav a')) {
      if (a.getAttribute('href') === nav) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
  }

  /** The script-drawn pages besides search, letter and batches: [path pattern, nav entry, view]. */
  const PAGES = [
    [/^\/persons$/, '/persons', (m, q) => showPersons(q.get('name') || '')],
    [/^\/officials$/, '/officials', (m, q) => showOfficials(q)],
    [/^\/places$/, '/places', () => showPlaces()],
    [/^\/places\/([^/]+)$/, '/places', (m) => showPlace(dec(m[1]), '')],
    [/^\/places\/([^/]+)\/([^/]+)$/, '/places', (m) => showPlace(dec(m[1]), dec(m[2]))],
    [/^\/village$/, '/places', (m, q) => showPlace(q.get('town') || '', q.get('village') || '')],
    [/^\/repeats$/, '/repeats', (m, q) => (q.get('batch') ? showBatchRepeats(q.get('batch')) : showRepeatsIndex())],
    [/^\/repeats\/group\/([^/]+)$/, '/repeats', (m) => showGroup(dec(m[1]))],
    [/^\/trends$/, '/trends', (m, q) => showTrends(q)],
    [/^\/topics$/, '/topics', (m, q) => showTopics(q)],
    [/^\/topics\/clusters\/([^/]+)$/, '/topics', (m, q) => showCluster(dec(m[1]), q)],
  ];

  function dec(s) {
    try { return decodeURIComponent(s); } catch (e) { return s; }
  }

  function route() {
    const path = location.pathname;
    const query = new URLSearchParams(location.search);
    if (path.startsWith('/letters/')) {
      show('letter', '/');
      showLetter(dec(path.slice('/letters/'.length)));
      return;
    }
    if (path === '/batches') {
      show('batches', '/batches');
      document.title = '批次 - 信访件检索';
      showBatches();
      return;
    }
    for (const [re, nav, view] of PAGES) {
      const m = re.exec(path);
      if (!m) continue;
      show('page', nav);
      window.scrollTo(0, 0);
      view(m, query);
      return;
    }
    show('search', '/');
    document.title = '信访件检索';
    fillForm();
    runSearch();
  }

  // ---------- search ----------

  function fillForm() {
    const p = new URLSearchParams(location.search);
    const form = $('#search-form');
    for (const name of FILTERS) {
      const input = form.elements[name];
      if (!input) continue;
      const v = p.get(name) || '';
      if (input.tagName === 'SELECT') {
        input.value = v;
        if (input.selectedIndex < 0) input.selectedIndex = 0;
      } else {
        input.value = v;
      }
    }
  }

  function formParams() {
    const form = $('#search-form');
    const p = new URLSearchParams();
    for (const name of FILTERS) {
      const input = form.elements[name];
      if (!input) continue;
      const v = input.value.trim();
      if (!v) continue;
      if (name === 'sort' && v === 'relevance') continue;
      if (name === 'limit' && v === '20') continue;
      p.set(name, v);
    }
    return p;
  }

  let searchSeq = 0;

  async function runSearch() {
    const seq = ++searchSeq;
    const params = new URLSearchParams(location.search);
    const status = $('#search-status');
    status.textContent = '正在检索…';
    try {
      const res = await api('/api/search?' + params.toString());
      if (seq !== searchSeq) return;
      sessionStorage.setItem('lastSearch', location.pathname + location.search);
      renderStatus(res, params);
      renderFacets(res.facets, params);
      renderHits(res.hits);
      renderPager(res.total, params);
    } catch (e) {
      if (seq !== searchSeq) return;
      showError(status, e);
      $('#hits').replaceChildren();
      $('#facets').replaceChildren();
      $('#pager').replaceChildren();
    }
  }

  function renderStatus(res, params) {
    const status = $('#search-status');
    const active = [];
    const labels = { q: '检索词', town: '乡镇', village: '村', person: '人员', official: '被反映人', topic: '问题类别', origin: '来源', batch: '批次', from: '从', to: '至' };
    for (const [k, label] of Object.entries(labels)) {
      const v = params.get(k);
      if (v) active.push(label + '：' + (k === 'origin' ? (ORIGIN[v] || v) : v));
    }
    status.replaceChildren(
      '共找到 ', el('span', { class: 'count', text: String(res.total) }), ' 件',
      active.length ? '（' + active.join('，') + '）' : '（全部信访件）'
    );
  }

  function monthRange(month) {
    const m = /^(\d{4})-(\d{2})$/.exec(month);
    if (!m) return null;
    const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
    return { from: month + '-01', to: month + '-' + String(last).padStart(2, '0') };
  }

  function renderFacets(facets, params) {
    const box = $('#facets');
    box.replaceChildren(el('h2', { class: 'sr-only', text: '分类统计' }));
    for (const [key, title] of FACETS) {
      const counts = (facets && facets[key]) || {};
      let entries = Object.entries(counts);
      if (!entries.length) continue;
      if (key === 'month') entries.sort((a, b) => b[0].localeCompare(a[0]));
      else entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh-CN'));
      const list = el('ul');
      const items = entries.map(([value, n]) => {
        let link;
        let label = value;
        if (key === 'month') {
          const r = monthRange(value);
          label = value === 'unknown' ? '日期不详' : value.replace('-', '年') + '月';
          link = r ? el('a', { href: filterHref('from', r.from, { to: r.to }) }, label) : el('span', { text: label });
          if (r && params.get('from') === r.from && params.get('to') === r.to) link.setAttribute('aria-current', 'true');
        } else {
          if (key === 'origin') label = ORIGIN[value] || value;
          link = el('a', { href: filterHref(key, value) }, label);
          if (params.get(key) === value) link.setAttribute('aria-current', 'true');
        }
        return el('li', null, link, el('span', { class: 'n', text: String(n) }));
      });
      items.forEach((li, i) => { if (i >= FACET_SHOWN) li.hidden = true; list.append(li); });
      const section = el('section', null, el('h2', { text: title }), list);
      if (items.length > FACET_SHOWN) {
        const more = el('button', { type: 'button', class: 'more', 'aria-expanded': 'false' }, '显示全部 ' + items.length + ' 项');
        more.addEventListener('click', () => {
          const open = more.getAttribute('aria-expanded') === 'true';
          items.forEach((li, i) => { if (i >= FACET_SHOWN) li.hidden = open; });
          more.setAttribute('aria-expanded', String(!open));
          more.textContent = open ? '显示全部 ' + items.length + ' 项' : '收起';
        });
        section.append(more);
      }
      box.append(section);
    }
  }

  function sourceText(s) {
    let t = s.path;
    if (s.sheet) t += ' ' + s.sheet;
    if (s.row) t += ' 第' + s.row + '行';
    else if (KIND[s.kind]) t += '（' + KIND[s.kind] + '）';
    return t;
  }

  function peopleParts(letter) {
    const parts = [];
    const pets = letter.petitioners || [];
    if (pets.length) {
      parts.push(el('span', null, el('span', { class: 'k', text: '信访人：' }),
        join(pets.map((p) => (p.anonymous ? el('span', { text: p.name || '匿名' }) : personLink(p.name))), '、')));
    }
    const acc = letter.accused || [];
    if (acc.length) {
      parts.push(el('span', null, el('span', { class: 'k', text: '被反映人：' }),
        join(acc.map((o) => el('span', null, personLink(o.name), o.title ? '（' + o.title + '）' : '')), '、')));
    }
    return parts;
  }

  function join(nodes, sep) {
    const out = [];
    nodes.forEach((n, i) => { if (i) out.push(sep); out.push(n); });
    return out;
  }

  function placeParts(letter) {
    const out = [];
    if (letter.town) out.push(el('a', { href: placeHref(letter.town, '') }, letter.town));
    if (letter.village) out.push(el('a', { href: placeHref(letter.town, letter.village) }, letter.village));
    return out.length ? el('span', null, el('span', { class: 'k', text: '地点：' }), join(out, ' ')) : null;
  }

  function renderHits(hits) {
    const box = $('#hits');
    if (!hits.length) {
      box.replaceChildren(el('p', { class: 'empty', text: '没有符合条件的信访件。可以减少检索词或放宽筛选条件。' }));
      return;
    }
    box.replaceChildren(...hits.map((h) => {
      const meta = el('div', { class: 'meta' },
        el('span', null, el('span', { class: 'k', text: '收到：' }), h.received || '日期不详'),
        h.ref ? el('span', null, el('span', { class: 'k', text: '编号：' }), h.ref) : null,
        h.origin ? el('span', null, el('span', { class: 'k', text: '来源：' }), filterLink('origin', h.origin, ORIGIN[h.origin] || h.origin)) : null,
        el('span', null, el('span', { class: 'k', text: '批次：' }), filterLink('batch', h.batch)),
        placeParts(h));
      const people = el('div', { class: 'meta' }, ...peopleParts(h));
      const topics = el('div', { class: 'topics' },
        ...(h.topics || []).map((t) => el('a', { class: 'chip', href: filterHref('topic', t) }, t)));
      const sources = el('div', { class: 'sources' }, '来源文件：', (h.sources || []).map(sourceText).join('；'));
      return el('article', { class: 'hit' },
        el('h3', null, el('a', { href: '/letters/' + encodeURIComponent(h.id) }, h.title || '（无标题）')),
        meta, people.childNodes.length ? people : null, safeSnippet(h.snippet), topics, sources);
    }));
  }

  function renderPager(total, params) {
    const box = $('#pager');
    const limit = Number(params.get('limit') || 20) || 20;
    const offset = Number(params.get('offset') || 0) || 0;
    if (total <= limit && offset === 0) { box.replaceChildren(); return; }
    const page = Math.floor(offset / limit) + 1;
    const pages = Math.max(1, Math.ceil(total / limit));
    const at = (o) => { const p = new URLSearchParams(params); if (o > 0) p.set('offset', String(o)); else p.delete('offset'); return searchHref(p); };
    box.replaceChildren(
      offset > 0 ? el('a', { href: at(Math.max(0, offset - limit)), rel: 'prev' }, '← 上一页') : el('span', { class: 'disabled', text: '← 上一页' }),
      el('span', { text: '第 ' + page + ' 页，共 ' + pages + ' 页' }),
      offset + limit < total ? el('a', { href: at(offset + limit), rel: 'next' }, '下一页 →') : el('span', { class: 'disabled', text: '下一页 →' })
    );
  }

  async function loadLists() {
    try {
      const places = await api('/api/places');
      const towns = $('#dl-towns');
      const villages = $('#dl-villages');
      towns.replaceChildren(...places.towns.map((t) => el('option', { value: t.name })));
      villages.replaceChildren(...places.towns.flatMap((t) => t.villages.map((v) => el('option', { value: v.name, label: t.name + ' ' + v.name }))));
    } catch (e) { /* the lists only help typing */ }
    try {
      const b = await api('/api/batches');
      $('#dl-batches').replaceChildren(...b.batches.map((x) => el('option', { value: x.batch })));
    } catch (e) { /* idem */ }
  }

  // ---------- letter ----------

  function fact(dt, dd) {
    if (dd === null || dd === undefined || dd === '' || (Array.isArray(dd) && !dd.length)) dd = '—';
    return [el('dt', { text: dt }), el('dd', null, dd)];
  }

  async function showLetter(id) {
    const box = $('#view-letter');
    const back = sessionStorage.getItem('lastSearch') || '/';
    const backLink = el('a', { class: 'back', href: back }, '← 返回检索结果');
    box.replaceChildren(backLink, el('p', { text: '正在读取…' }));
    let l;
    try {
      l = await api('/api/letters/' + encodeURIComponent(id));
    } catch (e) {
      box.replaceChildren(backLink, el('div', { class: 'error', role: 'alert', text: e.status === 404 ? '没有这件信访件（编号可能有误）。' : e.message }));
      return;
    }
    document.title = (l.title || '信访件') + ' - 信访件检索';
    const facts = el('dl', { class: 'facts' },
      fact('信访编号', l.ref),
      fact('收到日期', l.received || '日期不详'),
      fact('来源', l.origin ? filterLink('origin', l.origin, ORIGIN[l.origin]) : null),
      fact('批次', filterLink('batch', l.batch)),
      fact('乡镇', l.town ? el('a', { href: placeHref(l.town, '') }, l.town) : null),
      fact('村（社区）', l.village ? el('a', { href: placeHref(l.town, l.village) }, l.village) : null),
      fact('问题类别', join((l.topics || []).map((t) => filterLink('topic', t)), '、')),
      fact('处理方式', l.disposition),
      fact('文字', l.script === 'traditional' ? '繁体' : '简体'));

    const petitioners = (l.petitioners || []).length
      ? el('ul', null, l.petitioners.map((p) => el('li', null, p.anonymous ? (p.name || '匿名') + '（匿名）' : personLink(p.name))))
      : el('p', { class: 'empty', text: '未注明' });

    const accused = (l.accused || []).length
      ? el('table', { class: 'grid' },
        el('thead', null, el('tr', null, ['姓名', '职务', '乡镇', '村（社区）'].map((h) => el('th', { scope: 'col', text: h })))),
        el('tbody', null, l.accused.map((o) => el('tr', null,
          el('td', null, personLink(o.name)), el('td', { text: o.title || '—' }),
          el('td', null, o.town ? el('a', { href: placeHref(o.town, '') }, o.town) : '—'),
          el('td', null, o.village ? el('a', { href: placeHref(o.town, o.village) }, o.village) : '—')))))
      : el('p', { class: 'empty', text: '未识别出被反映人' });

    const mentioned = (l.mentioned || []).length
      ? el('ul', null, l.mentioned.map((m) => el('li', null, personLink(m.name), [m.title, m.role].filter(Boolean).length ? '（' + [m.title, m.role].filter(Boolean).join('，') + '）' : '')))
      : null;

    const fields = l.fields || {};
    const eight = el('table', { class: 'grid eight' },
      el('tbody', null, EIGHT.map(([k, label]) => el('tr', null, el('th', { scope: 'row', text: label }), el('td', { text: fields[k] || '—' })))));

    const sources = el('ul', null, (l.sources || []).map((s) => el('li', { text: sourceText(s) })));
    const warnings = (l.warnings || []).length
      ? [el('h2', { text: '读取提示' }), el('ul', { class: 'warnings' }, l.warnings.map((w) => el('li', { text: w })))]
      : [];

    box.replaceChildren(el('article', { class: 'letter' },
      backLink,
      el('h1', { text: l.title || '（无标题）' }),
      facts,
      el('h2', { text: '信访人' }), petitioners,
      el('h2', { text: '被反映人' }), accused,
      mentioned ? [el('h2', { text: '其他涉及人员' }), mentioned] : null,
      el('h2', { text: '八何要素' }), eight,
      el('h2', { text: '来源文件' }), sources,
      warnings,
      el('h2', { text: '全文' }),
      el('pre', { class: 'fulltext', text: l.text || '（无正文，仅有台账记录）' })));
    window.scrollTo(0, 0);
    $('#main').focus({ preventScroll: true });
  }

  // ---------- batches ----------

  function localTime(iso) {
    const d = new Date(iso);
    if (isNaN(d.getTime())) return iso || '—';
    const pad = (n) => String(n).padStart(2, '0');
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':' + pad(d.getMinutes());
  }

  async function showBatches() {
    const status = $('#batches-status');
    const body = $('#batches-table tbody');
    status.textContent = '正在读取…';
    try {
      const res = await api('/api/batches');
      status.textContent = res.batches.length ? '共 ' + res.batches.length + ' 个批次' : '还没有入库的批次。';
      body.replaceChildren(...res.batches.map((b) => el('tr', null,
        el('td', null, el('a', { href: searchHref({ batch: b.batch }) }, b.batch)),
        el('td', { text: localTime(b.ingested_at) }),
        el('td', { class: 'num', text: String(b.files) }),
        el('td', { class: 'num', text: String(b.letters) }),
        el('td', { class: 'num', text: String(b.errors) }),
        el('td', null, el('a', { href: '/repeats?batch=' + encodeURIComponent(b.batch) }, '查看重复件')))));
    } catch (e) {
      showError(status, e);
    }
  }

  async function upload(ev) {
    ev.preventDefault();
    const form = ev.target;
    const out = $('#upload-result');
    const button = form.querySelector('button[type="submit"]');
    const data = new FormData();
    for (const f of form.elements.files.files) data.append('files', f, f.name);
    if (form.elements.batch.value.trim()) data.append('batch', form.elements.batch.value.trim());
    if (form.elements.origin.value) data.append('origin', form.elements.origin.value);
    button.disabled = true;
    out.replaceChildren(el('p', { text: '正在上传并入库，文件多时需要一些时间…' }));
    try {
      const s = await api('/api/ingest', { method: 'POST', body: data });
      const parts = [
        el('p', null, '批次 ', el('a', { href: searchHref({ batch: s.batch }) }, s.batch), '：收到 ' + s.files_seen + ' 个文件，入库 ' + s.files_ingested +
          ' 个，已入库过 ' + s.files_unchanged + ' 个，失败 ' + s.files_failed + ' 个；新增信访件 ' + s.letters_added +
          ' 件，更新 ' + s.letters_updated + ' 件，现共 ' + s.letters_total + ' 件。'),
      ];
      if (s.errors.length) {
        parts.push(el('h3', { text: '未能入库的文件' }),
          el('ul', { class: 'warnings' }, s.errors.map((e) => el('li', null, el('strong', { text: e.path }), '：' + e.error))));
      }
      if (s.warnings.length) {
        parts.push(el('h3', { text: '提示' }),
          el('ul', null, s.warnings.map((w) => el('li', null, el('strong', { text: w.path }), '：' + w.warning))));
      }
      out.replaceChildren(...parts);
      form.reset();
      showBatches();
      loadLists();
    } catch (e) {
      if (!e.status) e.message = '上传中断：文件可能超过服务器的上传上限，或网络中断。可以分几次上传。';
      showError(out, e);
    } finally {
      button.disabled = false;
    }
  }

  // ---------- shared by the analysis pages ----------

  const ROLE = { petitioner: '信访人', accused: '被反映人', mentioned: '提及' };
  const BY = { topic: '问题类别', town: '乡镇', village: '村（社区）', origin: '来源' };
  const PALETTE = ['#1f4e9c', '#e07b00', '#2e7d32', '#6a1b9a', '#00838f', '#795548', '#9e9d24', '#455a64'];
  const ALERT_COLOR = '#c00000';
  const SVGNS = 'http://www.w3.org/2000/svg';

  function personHref(name) {
    return '/persons?name=' + encodeURIComponent(name);
  }

  function personLink(name) {
    return el('a', { href: personHref(name), title: '查看此人档案' }, name);
  }

  /** The page of a village (with its town when known) or of a town. */
  function placeHref(town, village) {
    if (town && village) return '/places/' + encodeURIComponent(town) + '/' + encodeURIComponent(village);
    if (village) return '/village?village=' + encodeURIComponent(village);
    return '/places/' + encodeURIComponent(town);
  }

  function placeLinks(town, village) {
    const out = [];
    if (town) out.push(el('a', { href: placeHref(town, '') }, town));
    if (village) out.push(el('a', { href: placeHref(town, village) }, village));
    return out.length ? join(out, ' ') : '—';
  }

  function letterLink(l) {
    return el('a', { href: '/letters/' + encodeURIComponent(l.id) }, l.title || (l.missing ? '（读取失败）' : '（无标题）'));
  }

  function topicChips(topics, extra) {
    return (topics || []).map((t) => el('a', { class: 'chip', href: searchHref(Object.assign({ topic: t }, extra || {})) }, t));
  }

  function uniq(list) {
    return [...new Set(list || [])];
  }

  function num(n) {
    return el('td', { class: 'num', text: String(n) });
  }

  function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  /** An API call retried a few times when the server is busy (503). */
  async function apiRetry(path) {
    for (let i = 0; ; i++) {
      try {
        return await api(path);
      } catch (e) {
        if (e.status === 503 && i < 3) { await sleep(300 * (i + 1)); continue; }
        throw e;
      }
    }
  }

  /** Runs `fn` over `items`, at most `n` at a time (the server has a fixed number of permits). */
  async function pool(items, fn, n) {
    const out = new Array(items.length);
    let next = 0;
    async function worker() {
      while (next < items.length) {
        const k = next++;
        out[k] = await fn(items[k], k);
      }
    }
    await Promise.all(Array.from({ length: Math.min(n || 4, items.length) }, worker));
    return out;
  }

  // Letter summaries by id, for pages that list letters by id. The full text is dropped.
  const letterCache = new Map();

  function remember(summary) {
    if (summary && summary.id && !letterCache.has(summary.id)) letterCache.set(summary.id, Promise.resolve(summary));
  }

  function getLetter(id) {
    if (!letterCache.has(id)) {
      const p = apiRetry('/api/letters/' + encodeURIComponent(id))
        .then((l) => { delete l.text; delete l.fields; return l; })
        .catch(() => { letterCache.delete(id); return { id, title: null, missing: true, topics: [], petitioners: [], accused: [] }; });
      letterCache.set(id, p);
    }
    return letterCache.get(id);
  }

  function getLetters(ids) {
    return pool(ids, getLetter, 4);
  }

  /** Every hit of a search (pages of 200), at most `cap`; the hits go into the letter cache. */
  async function searchAll(params, cap) {
    const p = new URLSearchParams(params);
    p.set('limit', '200');
    let offset = 0;
    let total = 0;
    let facets = null;
    const hits = [];
    do {
      p.set('offset', String(offset));
      const r = await apiRetry('/api/search?' + p.toString());
      total = r.total;
      facets = facets || r.facets;
      hits.push(...r.hits);
      offset += 200;
    } while (offset < total && offset < (cap || 2000));
    hits.forEach(remember);
    return { total, hits, facets };
  }

  function byDate(a, b) {
    const x = a.received || '9999';
    const y = b.received || '9999';
    return x.localeCompare(y) || String(a.id).localeCompare(String(b.id));
  }

  let pageSeq = 0;

  /** Starts drawing a page: title, a "reading" line; returns a check that this page is still the one shown. */
  function beginPage(title) {
    const seq = ++pageSeq;
    document.title = title + ' - 信访件检索';
    $('#view-page').replaceChildren(el('h1', { text: title }), el('p', { class: 'status', role: 'status', text: '正在读取…' }));
    return () => seq === pageSeq;
  }

  function drawPage(...children) {
    $('#view-page').replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  }

  function pageError(title, e) {
    drawPage(el('h1', { text: title }), el('div', { class: 'error', role: 'alert', text: e.message }));
  }

  /**
   * A filter form that navigates to `action` with its non-empty fields.
   * `fields` are [name, label, type or options, value]; options are [[value, label]].
   */
  function pageForm(action, fields, submit) {
    const form = el('form', { class: 'pageform', autocomplete: 'off' });
    for (const [name, label, type, value] of fields) {
      let input;
      if (Array.isArray(type)) {
        input = el('select', { name }, type.map(([v, t]) => el('option', { value: v, selected: v === (value || '') }, t)));
      } else {
        input = el('input', { name, type: type || 'text', value: value || '', maxlength: type === 'date' ? null : 200 });
      }
      form.append(el('label', null, label + ' ', input));
    }
    form.append(el('button', { type: 'submit', class: 'primary' }, submit || '查看'));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const p = new URLSearchParams();
      for (const e of form.elements) {
        if (e.name && e.value.trim()) p.set(e.name, e.value.trim());
      }
      const s = p.toString();
      navigate(action + (s ? '?' + s : ''));
    });
    for (const sel of form.querySelectorAll('select')) sel.addEventListener('change', () => form.requestSubmit());
    return form;
  }

  // ---------- SVG charts (drawn here: no library, no network) ----------

  function svg(tag, attrs, ...children) {
    const e = document.createElementNS(SVGNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'text') e.textContent = v;
      else e.setAttribute(k, String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  /** Round tick values from 0 to at least `max`. */
  function ticks(max) {
    const top = Math.max(1, max);
    const raw = top / 4;
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = Math.max(1, [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw));
    const out = [];
    for (let v = 0; v < top + step; v += step) { out.push(v); if (v >= top) break; }
    return out;
  }

  /** Axes and grid shared by the period charts; returns helpers to place values. */
  function frame(root, labels, max, box) {
    const ts = ticks(max);
    const top = ts[ts.length - 1];
    const y = (v) => box.top + box.h - (v / top) * box.h;
    for (const t of ts) {
      root.append(svg('line', { x1: box.left, x2: box.left + box.w, y1: y(t), y2: y(t), stroke: t ? '#d0d0d0' : '#111', 'stroke-width': t ? 1 : 2 }));
      root.append(svg('text', { x: box.left - 8, y: y(t) + 6, 'text-anchor': 'end', class: 'tick', text: String(t) }));
    }
    const n = labels.length;
    const slot = box.w / Math.max(1, n);
    const every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor(box.w / (box.gap || 90)))));
    labels.forEach((label, i) => {
      if (i % every !== 0) return;
      root.append(svg('text', { x: box.left + slot * (i + 0.5), y: box.top + box.h + 26, 'text-anchor': 'middle', class: 'tick', text: label }));
    });
    return { y, x: (i) => box.left + slot * (i + 0.5), slot };
  }

  /** Column chart of counts per period; alert columns are red. items: [{label, value, alert, title}]. */
  function columnChart(items, opts) {
    const o = Object.assign({ width: 1000, height: 260, label: '柱状图', gap: 90 }, opts || {});
    const box = { left: 52, top: 22, w: o.width - 68, h: o.height - 64, gap: o.gap };
    const root = svg('svg', { viewBox: '0 0 ' + o.width + ' ' + o.height, class: 'chart', role: 'img', 'aria-label': o.label });
    const max = Math.max(0, ...items.map((d) => d.value));
    const f = frame(root, items.map((d) => d.label), max, box);
    const w = Math.max(2, Math.min(60, f.slot * 0.7));
    items.forEach((d, i) => {
      const h = f.y(0) - f.y(d.value);
      const bar = svg('rect', { x: f.x(i) - w / 2, y: f.y(d.value), width: w, height: Math.max(0, h), fill: d.alert ? ALERT_COLOR : (o.color || PALETTE[0]) },
        svg('title', { text: (d.title || d.label) + '：' + d.value + ' 件' + (d.alert ? '（预警）' : '') }));
      root.append(bar);
      if (d.value > 0 && items.length <= 24) {
        root.append(svg('text', { x: f.x(i), y: f.y(d.value) - 6, 'text-anchor': 'middle', class: d.alert ? 'val alert' : 'val', text: String(d.value) }));
      }
    });
    return root;
  }

  /** Line chart of several series over the same periods; alert points get a large red dot. */
  function lineChart(periods, series, opts) {
    const o = Object.assign({ width: 1000, height: 340, label: '折线图' }, opts || {});
    const box = { left: 52, top: 16, w: o.width - 68, h: o.height - 58 };
    const root = svg('svg', { viewBox: '0 0 ' + o.width + ' ' + o.height, class: 'chart', role: 'img', 'aria-label': o.label });
    const max = Math.max(0, ...series.flatMap((s) => s.values));
    const f = frame(root, periods, max, box);
    const dots = [];
    series.forEach((s) => {
      const pts = s.values.map((v, i) => f.x(i).toFixed(1) + ',' + f.y(v).toFixed(1)).join(' ');
      root.append(svg('polyline', { points: pts, fill: 'none', stroke: s.color, 'stroke-width': 3, 'stroke-linejoin': 'round' }));
      s.values.forEach((v, i) => {
        const alert = s.alerts && s.alerts.has(periods[i]);
        const dot = svg('circle', { cx: f.x(i), cy: f.y(v), r: alert ? 8 : 3.5, fill: alert ? ALERT_COLOR : s.color, stroke: alert ? '#fff' : 'none', 'stroke-width': 2 },
          svg('title', { text: s.label + ' ' + periods[i] + '：' + v + ' 件' + (alert ? '（预警）' : '') }));
        if (alert) dots.push(dot);
        else root.append(dot);
      });
    });
    dots.forEach((d) => root.append(d)); // alerts on top
    return root;
  }

  /** Horizontal bars (HTML, so the labels are ordinary links). items: [{label, value, href, note}]. */
  function hbars(items, label) {
    const max = Math.max(1, ...items.map((d) => d.value));
    return el('div', { class: 'hbars', role: 'list', 'aria-label': label || '' }, items.map((d) => {
      const fill = el('span', { class: 'fill' });
      fill.style.width = (d.value / max * 100).toFixed(1) + '%';
      return el('div', { class: 'hrow', role: 'listitem' },
        d.href ? el('a', { href: d.href, class: 'hlabel' }, d.label) : el('span', { class: 'hlabel', text: d.label }),
        el('span', { class: 'track' }, fill),
        el('span', { class: 'hn', text: d.value + ' 件' + (d.note ? ' ' + d.note : '') }));
    }));
  }

  function legend(series) {
    return el('ul', { class: 'legend' }, series.map((s) => {
      const sw = el('span', { class: 'swatch' });
      sw.style.background = s.color;
      return el('li', null, sw, s.href ? el('a', { href: s.href }, s.label) : s.label);
    }));
  }

  /** Consecutive months from the first to the last key of a month facet. */
  function monthSeries(facet) {
    const months = Object.keys(facet || {}).filter((m) => /^\d{4}-\d{2}$/.test(m)).sort();
    if (!months.length) return [];
    const out = [];
    let [y, m] = months[0].split('-').map(Number);
    const last = months[months.length - 1];
    for (let guard = 0; guard < 600; guard++) {
      const key = y + '-' + String(m).padStart(2, '0');
      out.push({ label: key, value: facet[key] || 0 });
      if (key === last) break;
      m += 1;
      if (m > 12) { m = 1; y += 1; }
    }
    return out;
  }

  // ---------- person dossier (一人一档) ----------

  async function showPersons(name) {
    const title = name ? name + ' 的档案' : '人员档案（一人一档）';
    const current = beginPage(title);
    const form = pageForm('/persons', [['name', '姓名', 'search', name]], '查看档案');
    if (!name) {
      drawPage(el('h1', { text: title }), form,
        el('p', { text: '输入信访人或被反映人的姓名，查看此人的全部来信。同名的人按所在地分开列出。' }),
        el('p', null, '也可以从 ', el('a', { href: '/officials' }, '被反映人排行'), ' 或检索结果中点击姓名进入。'));
      return;
    }
    let persons;
    let found;
    let repeats;
    try {
      [persons, found, repeats] = await Promise.all([
        apiRetry('/api/persons?name=' + encodeURIComponent(name)),
        searchAll({ person: name, sort: 'date' }, 1000),
        apiRetry('/api/repeats').catch(() => ({ groups: [], letters: [] })),
      ]);
    } catch (e) {
      if (current()) pageError(title, e);
      return;
    }
    if (!current()) return;
    const list = persons.persons || [];
    if (!list.length) {
      drawPage(el('h1', { text: title }), form,
        el('p', { class: 'empty' }, '没有找到名为“' + name + '”的人员。可以 ', el('a', { href: searchHref({ q: name }) }, '在全文中检索这个名字'), '。'));
      return;
    }
    const groupOf = new Map();
    for (const g of repeats.groups || []) for (const id of g.letter_ids) groupOf.set(id, g.id);
    const sections = await Promise.all(list.map((p) => personSection(p, groupOf)));
    if (!current()) return;
    drawPage(el('h1', { text: title }), form,
      el('p', { class: 'status', text: list.length > 1 ? '共有 ' + list.length + ' 位同名人员（按所在地区分）。' : '' }),
      list.length > 1 ? el('ul', { class: 'toc' }, list.map((p, i) => el('li', null, el('a', { href: '#person-' + i }, p.name + '（' + ([p.town, p.village].filter(Boolean).join(' ') || '地点不详') + '）')))) : null,
      sections.map((s, i) => { s.id = 'person-' + i; return s; }));
  }

  async function personSection(p, groupOf) {
    const roles = new Map();
    for (const [key, ids] of [['petitioner', p.as_petitioner], ['accused', p.as_accused], ['mentioned', p.as_mentioned]]) {
      for (const id of ids || []) {
        if (!roles.has(id)) roles.set(id, []);
        roles.get(id).push(ROLE[key]);
      }
    }
    const letters = (await getLetters([...roles.keys()])).sort(byDate);
    const place = [p.town, p.village].filter(Boolean).join(' ') || '地点不详';
    const topicEntries = Object.entries(p.topics || {}).sort((a, b) => b[1] - a[1]);
    const facts = el('dl', { class: 'facts' },
      fact('所在地', p.town || p.village ? placeLinks(p.town, p.village) : null),
      fact('职务', uniq(p.titles).join('、')),
      fact('首次出现', p.first_seen),
      fact('最近出现', p.last_seen),
      fact('作为信访人', (p.as_petitioner || []).length + ' 件'),
      fact('被反映', (p.as_accused || []).length
        ? el('span', null, (p.as_accused || []).length + ' 件（', el('a', { href: searchHref({ official: p.name }) }, '检索'), '）')
        : '0 件'),
      fact('被提及', (p.as_mentioned || []).length + ' 件'),
      fact('问题类别', join(topicEntries.map(([t, n]) => el('a', { href: searchHref({ person: p.name, topic: t }) }, t + ' ' + n + ' 件')), '、')),
      fact('重复信访组', join((p.repeat_groups || []).map((g) => el('a', { href: '/repeats/group/' + encodeURIComponent(g) }, groupLabel(g))), '、')));
    const table = el('table', { class: 'grid' },
      el('caption', { class: 'sr-only', text: p.name + '的来信时间线' }),
      el('thead', null, el('tr', null, ['收到日期', '标题', '问题类别', '处理方式', '身份', '重复组'].map((h) => el('th', { scope: 'col', text: h })))),
      el('tbody', null, letters.map((l) => el('tr', null,
        el('td', { class: 'date', text: l.received || '日期不详' }),
        el('td', null, letterLink(l)),
        el('td', { text: (l.topics || []).join('、') || '—' }),
        el('td', { text: l.disposition || '—' }),
        el('td', { class: 'nowrap', text: roles.get(l.id).join('、') }),
        el('td', null, groupOf.has(l.id) ? el('a', { href: '/repeats/group/' + encodeURIComponent(groupOf.get(l.id)) }, '查看') : '—')))));
    return el('section', { class: 'person' },
      el('h2', { text: p.name + '（' + place + '）' }),
      facts,
      el('h3', { text: '来信时间线（' + letters.length + ' 件，旧到新）' }),
      letters.length ? table : el('p', { class: 'empty', text: '没有来信。' }));
  }

  function groupLabel(id) {
    return '重复组 ' + String(id).replace(/^rg-/, '').slice(0, 6);
  }

  // ---------- officials ranking ----------

  async function showOfficials(q) {
    const title = '被反映人排行';
    const current = beginPage(title);
    const params = new URLSearchParams();
    for (const k of ['town', 'village', 'from', 'to', 'limit']) if (q.get(k)) params.set(k, q.get(k));
    const form = pageForm('/officials', [
      ['town', '乡镇', 'text', q.get('town')], ['village', '村（社区）', 'text', q.get('village')],
      ['from', '收到日期 从', 'date', q.get('from')], ['to', '至', 'date', q.get('to')],
      ['limit', '显示', [['', '前 50 名'], ['20', '前 20 名'], ['100', '前 100 名'], ['500', '前 500 名']], q.get('limit')],
    ], '查看');
    let res;
    try {
      res = await apiRetry('/api/officials?' + params.toString());
    } catch (e) {
      if (current()) drawPage(el('h1', { text: title }), form, el('div', { class: 'error', role: 'alert', text: e.message }));
      return;
    }
    if (!current()) return;
    const range = {};
    if (q.get('from')) range.from = q.get('from');
    if (q.get('to')) range.to = q.get('to');
    const rows = res.officials.map((o, i) => el('tr', null,
      num(i + 1),
      el('td', null, personLink(o.name)),
      el('td', { text: uniq(o.titles).join('、') || '—' }),
      el('td', { class: 'nowrap' }, o.town ? el('a', { href: placeHref(o.town, '') }, o.town) : '—'),
      el('td', { class: 'nowrap' }, o.village ? el('a', { href: placeHref(o.town, o.village) }, o.village) : '—'),
      el('td', { class: 'num' }, el('a', { href: searchHref(Object.assign({ official: o.name }, range)), title: '检索反映此人的来信' }, String(o.letters))),
      el('td', null, Object.entries(o.topics || {}).sort((a, b) => b[1] - a[1]).map(([t, n]) => t + ' ' + n).join('、') || '—')));
    drawPage(el('h1', { text: title }), form,
      el('p', { class: 'status', text: res.officials.length ? '按被反映的信访件数排序，共 ' + res.officials.length + ' 人。点击姓名查看档案，点击件数查看来信。' : '' }),
      res.officials.length
        ? el('table', { class: 'grid' },
          el('thead', null, el('tr', null, ['序号', '被反映人', '职务', '乡镇', '村（社区）', '件数', '问题类别'].map((h) => el('th', { scope: 'col', text: h })))),
          el('tbody', null, rows))
        : el('p', { class: 'empty', text: '没有符合条件的被反映人。' }));
  }

  // ---------- places ----------

  async function showPlaces() {
    const title = '地点';
    const current = beginPage(title);
    let res;
    try {
      res = await apiRetry('/api/places');
    } catch (e) {
      if (current()) pageError(title, e);
      return;
    }
    if (!current()) return;
    const towns = res.towns || [];
    drawPage(el('h1', { text: title }),
      el('p', { class: 'status', text: towns.length ? '共 ' + towns.length + ' 个乡镇有来信。点击乡镇或村查看来信趋势、问题类别和被反映人。' : '还没有来信。' }),
      hbars(towns.map((t) => ({ label: t.name, value: t.letters, href: placeHref(t.name, '') })), '各乡镇来信'),
      towns.map((t) => el('section', { class: 'town' },
        el('h2', null, el('a', { href: placeHref(t.name, '') }, t.name), el('span', { class: 'n', text: '（' + t.letters + ' 件）' })),
        el('ul', { class: 'places' }, t.villages.map((v) => el('li', null,
          el('a', { href: placeHref(t.name, v.name) }, v.name), el('span', { class: 'n', text: ' ' + v.letters + ' 件' })))))));
  }

  async function showPlace(town, village) {
    const name = [town, village].filter(Boolean).join(' ');
    const title = name || '地点';
    const current = beginPage(title);
    if (!name) { showPlaces(); return; }
    const filter = {};
    if (town) filter.town = town;
    if (village) filter.village = village;
    let found;
    let officials;
    try {
      const p = new URLSearchParams(Object.assign({ sort: 'date', limit: '10' }, filter));
      [found, officials] = await Promise.all([
        apiRetry('/api/search?' + p.toString()),
        apiRetry('/api/officials?limit=20&' + new URLSearchParams(filter).toString()),
      ]);
    } catch (e) {
      if (current()) pageError(title, e);
      return;
    }
    if (!current()) return;
    found.hits.forEach(remember);
    const facets = found.facets || {};
    const months = monthSeries(facets.month);
    const undated = (facets.month || {}).unknown || 0;
    const topics = Object.entries(facets.topic || {}).sort((a, b) => b[1] - a[1]);
    const crumbs = el('nav', { class: 'crumbs', 'aria-label': '位置' },
      el('a', { href: '/places' }, '地点'), ' › ',
      village && town ? [el('a', { href: placeHref(town, '') }, town), ' › ', village] : name);
    const villages = !village ? Object.entries(facets.village || {}).sort((a, b) => b[1] - a[1]) : [];
    drawPage(crumbs, el('h1', { text: title }),
      el('p', { class: 'bignum' }, '共有信访件 ', el('a', { href: searchHref(filter) }, String(found.total)), ' 件'),
      villages.length ? [el('h2', { text: '各村（社区）' }),
        hbars(villages.map(([v, n]) => ({ label: v, value: n, href: placeHref(town, v) })), '各村来信')] : null,
      el('h2', { text: '每月来信量' }),
      months.length ? columnChart(months, { label: title + '每月来信量' }) : el('p', { class: 'empty', text: '没有注明日期的来信。' }),
      undated ? el('p', { class: 'note', text: '另有 ' + undated + ' 件日期不详。' }) : null,
      el('h2', { text: '问题类别' }),
      topics.length ? hbars(topics.map(([t, n]) => ({ label: t, value: n, href: searchHref(Object.assign({ topic: t }, filter)) })), '问题类别')
        : el('p', { class: 'empty', text: '无' }),
      el('h2', { text: '被反映人' }),
      officials.officials.length
        ? el('table', { class: 'grid' },
          el('thead', null, el('tr', null, ['被反映人', '职务', '所在地', '件数'].map((h) => el('th', { scope: 'col', text: h })))),
          el('tbody', null, officials.officials.map((o) => el('tr', null,
            el('td', null, personLink(o.name)),
            el('td', { text: uniq(o.titles).join('、') || '—' }),
            el('td', null, placeLinks(o.town, o.village)),
            el('td', { class: 'num' }, el('a', { href: searchHref(Object.assign({ official: o.name }, filter)) }, String(o.letters)))))))
        : el('p', { class: 'empty', text: '没有识别出被反映人。' }),
      el('h2', { text: '最近来信' }),
      letterTable(found.hits),
      found.total > found.hits.length ? el('p', null, el('a', { href: searchHref(Object.assign({ sort: 'date' }, filter)) }, '查看全部 ' + found.total + ' 件 →')) : null);
  }

  /** A table of letters: date, title, place, topics, accused. */
  function letterTable(letters) {
    if (!letters.length) return el('p', { class: 'empty', text: '没有来信。' });
    return el('table', { class: 'grid' },
      el('thead', null, el('tr', null, ['收到日期', '标题', '地点', '问题类别', '被反映人'].map((h) => el('th', { scope: 'col', text: h })))),
      el('tbody', null, letters.map((l) => el('tr', null,
        el('td', { class: 'date', text: l.received || '日期不详' }),
        el('td', null, letterLink(l)),
        el('td', { class: 'nowrap' }, placeLinks(l.town, l.village)),
        el('td', { text: (l.topics || []).join('、') || '—' }),
        el('td', null, join((l.accused || []).map((o) => personLink(o.name)), '、'))))));
  }

  // ---------- repeats (重复件) ----------

  async function showRepeatsIndex() {
    const title = '重复件';
    const current = beginPage(title);
    let batches;
    let all;
    try {
      [batches, all] = await Promise.all([apiRetry('/api/batches'), apiRetry('/api/repeats')]);
    } catch (e) {
      if (current()) pageError(title, e);
      return;
    }
    if (!current()) return;
    const groups = (all.groups || []).slice().sort((a, b) => String(b.last || '').localeCompare(String(a.last || '')));
    drawPage(el('h1', { text: title }),
      el('h2', { text: '按批次查看' }),
      batches.batches.length
        ? el('ul', { class: 'places' }, batches.batches.map((b) => el('li', null,
          el('a', { href: '/repeats?batch=' + encodeURIComponent(b.batch) }, b.batch), el('span', { class: 'n', text: ' ' + b.letters + ' 件' }))))
        : el('p', { class: 'empty', text: '还没有入库的批次。' }),
      el('h2', { text: '全部重复信访组（' + groups.length + ' 组，最近有来信的在前）' }),
      groups.length ? groupTable(groups) : el('p', { class: 'empty', text: '没有发现重复信访。' }));
  }

  function groupTable(groups) {
    return el('table', { class: 'grid' },
      el('thead', null, el('tr', null, ['重复组', '首次来信', '最近来信', '件数', '有新问题', '信访人', '被反映人'].map((h) => el('th', { scope: 'col', text: h })))),
      el('tbody', null, groups.map((g) => el('tr', null,
        el('td', null, el('a', { href: '/repeats/group/' + encodeURIComponent(g.id) }, groupLabel(g.id))),
        el('td', { class: 'date', text: g.first || '—' }),
        el('td', { class: 'date', text: g.last || '—' }),
        num(g.letter_ids.length),
        num((g.new_issue_letter_ids || []).length),
        el('td', null, join((g.petitioners || []).map(personLink), '、')),
        el('td', null, join((g.accused || []).map(personLink), '、'))))));
  }

  async function showBatchRepeats(batch) {
    const title = '批次 ' + batch + ' 的重复件';
    const current = beginPage(title);
    let rep;
    let found;
    try {
      [rep, found] = await Promise.all([
        apiRetry('/api/repeats?batch=' + encodeURIComponent(batch)),
        searchAll({ batch, sort: 'date' }, 5000),
      ]);
    } catch (e) {
      if (current()) pageError(title, e);
      return;
    }
    if (!current()) return;
    const info = new Map((rep.letters || []).map((l) => [l.id, l]));
    const letters = found.hits.slice().sort(byDate);
    const fresh = letters.filter((l) => !info.has(l.id));
    const pure = letters.filter((l) => info.has(l.id) && !info.get(l.id).new_issue);
    const newIssue = letters.filter((l) => info.has(l.id) && info.get(l.id).new_issue);
    // Earlier letters named by the repeats, for their titles.
    const earlier = [...new Set([...info.values()].flatMap((r) => r.repeat_of || []))];
    await getLetters(earlier);
    if (!current()) return;
    const total = found.total;
    const repeats = pure.length + newIssue.length;
    const rate = total ? (repeats * 100 / total).toFixed(1) : '0.0';
    const summary = el('p', { class: 'bignum' },
      '本批 ', el('strong', { text: String(total) }), ' 件，新件 ', el('strong', { text: String(fresh.length) }),
      ' 件，重复 ', el('strong', { text: String(repeats) }), ' 件（重复率 ' + rate + '%），其中有新问题 ',
      el('strong', { class: 'hot', text: String(newIssue.length) }), ' 件（提交线索排查会研判），没有新问题 ',
      el('strong', { text: String(pure.length) }), ' 件（按程序复查复核）。');
    // What the screening meeting acts on comes first; the long list of new letters last.
    const sections = [
      ['new-issue', '重复件（有新问题）', newIssue, (l) => repeatCard(l, info.get(l.id))],
      ['repeat', '重复件（没有新问题）', pure, (l) => repeatCard(l, info.get(l.id))],
      ['new', '新件', fresh, null],
    ];
    const batchForm = pageForm('/repeats', [['batch', '批次', 'text', batch]], '查看');
    drawPage(el('h1', { text: title }), batchForm, summary,
      el('ul', { class: 'toc' }, sections.map(([id, label, list]) => el('li', null, el('a', { href: '#sec-' + id }, label + '（' + list.length + ' 件）')))),
      sections.map(([id, label, list, card]) => el('section', { id: 'sec-' + id, class: 'repeat-sec' },
        el('h2', { text: label + '（' + list.length + ' 件）' }),
        id === 'new' ? letterTable(list)
          : (list.length ? list.map(card) : el('p', { class: 'empty', text: '无' })))));
  }

  function repeatCard(l, r) {
    const earlierLinks = (r.repeat_of || []).map((id) => {
      const a = el('a', { href: '/letters/' + encodeURIComponent(id) }, '（读取中）');
      getLetter(id).then((e) => { a.textContent = (e.received || '日期不详') + ' ' + (e.title || '（无标题）') + (e.batch ? '（批次 ' + e.batch + '）' : ''); });
      return el('li', null, a);
    });
    return el('article', { class: 'repeat' + (r.new_issue ? ' new-issue' : '') },
      el('h3', null, letterLink(l)),
      el('div', { class: 'meta' },
        el('span', null, el('span', { class: 'k', text: '收到：' }), l.received || '日期不详'),
        el('span', null, el('span', { class: 'k', text: '地点：' }), placeLinks(l.town, l.village)),
        el('span', null, el('span', { class: 'k', text: '问题类别：' }), (l.topics || []).join('、') || '—'),
        ...peopleParts(l)),
      el('dl', { class: 'facts' },
        fact('重复的理由', (r.reasons || []).length ? el('ul', null, r.reasons.map((x) => el('li', { text: x.text }))) : null),
        r.new_issue ? fact('新问题', (r.what_is_new || []).length ? el('ul', { class: 'news' }, r.what_is_new.map((w) => el('li', { text: w }))) : null) : null,
        fact('前次处理', r.earlier_disposition || '未登记'),
        fact('此前来信', earlierLinks.length ? el('ul', null, earlierLinks) : null),
        fact('重复组', el('a', { href: '/repeats/group/' + encodeURIComponent(r.group) }, '查看该组全部来信（时间线）'))));
  }

  async function showGroup(id) {
    const title = '重复信访组';
    const current = beginPage(title);
    let all;
    try {
      all = await apiRetry('/api/repeats');
    } catch (e) {
      if (current()) pageError(title, e);
      return;
    }
    const g = (all.groups || []).find((x) => x.id === id);
    if (!current()) return;
    if (!g) {
      drawPage(el('h1', { text: title }), el('div', { class: 'error', role: 'alert', text: '没有这个重复信访组（入库新批次后分组可能变化）。' }),
        el('p', null, el('a', { href: '/repeats' }, '查看全部重复信访组')));
      return;
    }
    const info = new Map((all.letters || []).map((l) => [l.id, l]));
    const letters = await getLetters(g.letter_ids);
    if (!current()) return;
    const items = letters.map((l, i) => {
      const r = info.get(l.id);
      const kind = i === 0 && !r ? '首次来信' : (r && r.new_issue ? '重复件（有新问题）' : (r ? '重复件' : '同组来信'));
      return el('li', { class: 'tl' + (r && r.new_issue ? ' new-issue' : '') },
        el('div', { class: 'tl-date', text: l.received || '日期不详' }),
        el('div', { class: 'tl-body' },
          el('h3', null, el('span', { class: 'badge', text: kind }), ' ', letterLink(l)),
          el('div', { class: 'meta' },
            el('span', null, el('span', { class: 'k', text: '批次：' }), l.batch || '—'),
            el('span', null, el('span', { class: 'k', text: '处理方式：' }), l.disposition || '—'),
            el('span', null, el('span', { class: 'k', text: '问题类别：' }), (l.topics || []).join('、') || '—'),
            ...peopleParts(l)),
          r && (r.reasons || []).length ? el('p', null, el('span', { class: 'k', text: '重复的理由：' }), r.reasons.map((x) => x.text).join('；')) : null,
          r && (r.what_is_new || []).length ? el('div', null, el('span', { class: 'k', text: '新问题：' }), el('ul', { class: 'news' }, r.what_is_new.map((w) => el('li', { text: w })))) : null));
    });
    drawPage(el('nav', { class: 'crumbs', 'aria-label': '位置' }, el('a', { href: '/repeats' }, '重复件'), ' › ', groupLabel(g.id)),
      el('h1', { text: title + '：' + groupLabel(g.id) }),
      el('dl', { class: 'facts' },
        fact('来信', g.letter_ids.length + ' 件，其中有新问题 ' + (g.new_issue_letter_ids || []).length + ' 件'),
        fact('时间', (g.first || '日期不详') + ' 至 ' + (g.last || '日期不详')),
        fact('信访人', join((g.petitioners || []).map(personLink), '、')),
        fact('被反映人', join((g.accused || []).map(personLink), '、'))),
      el('h2', { text: '时间线（旧到新）' }),
      el('ol', { class: 'timeline' }, items));
  }

  // ---------- trends ----------

  async function showTrends(q) {
    const title = '趋势与预警';
    const current = beginPage(title);
    const by = BY[q.get('by')] ? q.get('by') : 'topic';
    const interval = q.get('interval') === 'week' ? 'week' : 'month';
    const params = new URLSearchParams({ by, interval });
    if (q.get('from')) params.set('from', q.get('from'));
    if (q.get('to')) params.set('to', q.get('to'));
    const form = pageForm('/trends', [
      ['by', '分组', Object.entries(BY), by],
      ['interval', '周期', [['month', '按月'], ['week', '按周']], interval],
      ['from', '从', 'date', q.get('from')], ['to', '至', 'date', q.get('to')],
    ], '查看');
    let res;
    try {
      res = await apiRetry('/api/trends?' + params.toString());
    } catch (e) {
      if (current()) drawPage(el('h1', { text: title }), form, el('div', { class: 'error', role: 'alert', text: e.message }));
      return;
    }
    if (!current()) return;
    const series = res.series || [];
    const alerts = res.alerts || [];
    if (!series.length) {
      drawPage(el('h1', { text: title }), form, el('p', { class: 'empty', text: '这段时间没有注明日期的来信。' }));
      return;
    }
    const label = (key) => (by === 'origin' ? (ORIGIN[key] || key) : key);
    const hrefOf = (key) => {
      if (by === 'town' || by === 'village') return placeHref(by === 'town' ? key : '', by === 'village' ? key : '');
      return searchHref({ [by]: key });
    };
    const periods = [...new Set(series.flatMap((s) => s.points.map((p) => p.period)))].sort();
    const alertSet = new Map();
    for (const a of alerts) {
      if (!alertSet.has(a.key)) alertSet.set(a.key, new Set());
      alertSet.get(a.key).add(a.period);
    }
    const valuesOf = (s) => { const m = new Map(s.points.map((p) => [p.period, p.count])); return periods.map((p) => m.get(p) || 0); };
    const top = series.slice(0, PALETTE.length).map((s, i) => ({
      key: s.key, label: label(s.key), color: PALETTE[i], values: valuesOf(s), alerts: alertSet.get(s.key), href: hrefOf(s.key),
    }));
    const unit = interval === 'week' ? '周' : '月';
    const alertTable = alerts.length
      ? el('table', { class: 'grid alerts' },
        el('thead', null, el('tr', null, [BY[by], '时期', '件数', '基准（此前中位数）', '倍数'].map((h) => el('th', { scope: 'col', text: h })))),
        el('tbody', null, alerts.slice().sort((a, b) => b.period.localeCompare(a.period) || b.ratio - a.ratio).map((a) => {
          const r = monthRange(a.period);
          const link = r ? searchHref({ [by]: a.key, from: r.from, to: r.to }) : searchHref({ [by]: a.key });
          return el('tr', null,
            el('td', null, el('a', { href: hrefOf(a.key) }, label(a.key))),
            el('td', null, el('a', { href: link }, a.period)),
            num(a.count), num(a.baseline.toFixed(1)), el('td', { class: 'num hot', text: a.ratio.toFixed(1) + ' 倍' }));
        })))
      : el('p', { class: 'empty', text: '这段时间没有预警。' });
    drawPage(el('h1', { text: title }), form,
      el('p', { class: 'status', text: '按' + BY[by] + '、每' + unit + '统计，' + periods[0] + ' 至 ' + periods[periods.length - 1] + '，共 ' + series.length + ' 组。红色圆点、红色柱为预警（明显高于此前的中位数）。' }),
      el('h2', { text: series.length > top.length ? '来信最多的 ' + top.length + ' 组' : '各组对比' }),
      lineChart(periods, top, { label: '各' + BY[by] + '来信趋势' }),
      legend(top),
      el('h2', { text: '预警（' + alerts.length + ' 条）' }),
      alertTable,
      el('h2', { text: '逐组明细' }),
      el('div', { class: 'multiples' }, series.map((s, i) => {
        const vals = valuesOf(s);
        const set = alertSet.get(s.key);
        const total = vals.reduce((a, b) => a + b, 0);
        return el('figure', { class: 'small' },
          el('figcaption', null, el('a', { href: hrefOf(s.key) }, label(s.key)), el('span', { class: 'n', text: ' 共 ' + total + ' 件' + (set ? '，预警 ' + set.size + ' 次' : '') })),
          columnChart(periods.map((p, k) => ({ label: p, value: vals[k], alert: set && set.has(p) })),
            { width: 640, height: 240, gap: 130, color: PALETTE[i % PALETTE.length], label: label(s.key) + '来信趋势' }));
      })));
  }

  // ---------- topics ----------

  async function showTopics(q) {
    const title = '问题类别与主题';
    const current = beginPage(title);
    const range = {};
    if (q.get('from')) range.from = q.get('from');
    if (q.get('to')) range.to = q.get('to');
    const form = pageForm('/topics', [['from', '收到日期 从', 'date', q.get('from')], ['to', '至', 'date', q.get('to')]], '查看');
    let res;
    try {
      res = await apiRetry('/api/topics?' + new URLSearchParams(range).toString());
    } catch (e) {
      if (current()) drawPage(el('h1', { text: title }), form, el('div', { class: 'error', role: 'alert', text: e.message }));
      return;
    }
    if (!current()) return;
    const taxonomy = (res.taxonomy || []).slice().sort((a, b) => b.letters - a.letters);
    const clusters = res.clusters || [];
    const rangeQuery = new URLSearchParams(range).toString();
    drawPage(el('h1', { text: title }), form,
      el('h2', { text: '问题类别（按分类表）' }),
      el('p', { class: 'note', text: '一件来信可有多个类别；点击类别查看来信。' }),
      hbars(taxonomy.map((t) => ({ label: t.label, value: t.letters, href: searchHref(Object.assign({ topic: t.label }, range)), note: t.main !== undefined && t.main !== t.letters ? '（主要类别 ' + t.main + ' 件）' : '' })), '问题类别'),
      el('h2', { text: '自动发现的主题（' + clusters.length + ' 个）' }),
      el('p', { class: 'note', text: '按来信用词自动归并的主题，关键词按代表性排序。' }),
      clusters.length
        ? el('div', { class: 'clusters' }, clusters.map((c) => el('article', { class: 'cluster' },
          el('h3', null, el('a', { href: '/topics/clusters/' + encodeURIComponent(c.id) + (rangeQuery ? '?' + rangeQuery : '') }, c.label || c.id)),
          el('p', { class: 'bignum', text: c.letters + ' 件' }),
          el('div', null, (c.keywords || []).map((k) => el('a', { class: 'chip', href: searchHref(Object.assign({ q: k }, range)) }, k))),
          el('p', null, el('a', { href: '/topics/clusters/' + encodeURIComponent(c.id) + (rangeQuery ? '?' + rangeQuery : '') }, '查看这 ' + c.letters + ' 件来信 →')))))
        : el('p', { class: 'empty', text: '来信太少，未能归并出主题。' }));
  }

  async function showCluster(id, q) {
    const title = '主题';
    const current = beginPage(title);
    const range = {};
    if (q.get('from')) range.from = q.get('from');
    if (q.get('to')) range.to = q.get('to');
    let res;
    try {
      res = await apiRetry('/api/topics?' + new URLSearchParams(range).toString());
    } catch (e) {
      if (current()) pageError(title, e);
      return;
    }
    if (!current()) return;
    const c = (res.clusters || []).find((x) => x.id === id);
    if (!c) {
      drawPage(el('h1', { text: title }), el('div', { class: 'error', role: 'alert', text: '没有这个主题（入库新来信后主题会重新归并）。' }),
        el('p', null, el('a', { href: '/topics' }, '返回主题')));
      return;
    }
    document.title = '主题：' + c.label + ' - 信访件检索';
    $('#view-page').querySelector('.status').textContent = '正在读取 ' + c.letter_ids.length + ' 件来信…';
    const letters = (await getLetters(c.letter_ids)).sort(byDate);
    if (!current()) return;
    drawPage(el('nav', { class: 'crumbs', 'aria-label': '位置' }, el('a', { href: '/topics' }, '主题'), ' › ', c.label),
      el('h1', { text: '主题：' + c.label }),
      el('p', null, '关键词：', (c.keywords || []).map((k) => el('a', { class: 'chip', href: searchHref(Object.assign({ q: k }, range)) }, k))),
      el('p', { class: 'bignum', text: '共 ' + c.letters + ' 件（旧到新）' }),
      letterTable(letters));
  }

  // ---------- wiring ----------

  function init() {
    $('#search-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      navigate(searchHref(formParams()));
    });
    // Choosing from a list applies at once; typing waits for Enter.
    for (const name of ['origin', 'sort', 'limit']) {
      $('#search-form').elements[name].addEventListener('change', () => navigate(searchHref(formParams())));
    }
    $('#clear-form').addEventListener('click', () => {
      $('#search-form').reset();
      navigate('/');
      $('#f-q').focus();
    });
    $('#upload-form').addEventListener('submit', upload);

    // Same-page navigation for the page's own links; new tabs work as usual.
    document.addEventListener('click', (ev) => {
      const a = ev.target.closest && ev.target.closest('a[href]');
      if (!a || a.target || ev.defaultPrevented || ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
      const url = new URL(a.getAttribute('href'), location.href);
      if (url.origin !== location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/assets/') ||
        url.pathname.startsWith('/report') || a.hasAttribute('download')) return;
      if (url.hash && url.pathname === location.pathname && url.search === location.search) return;
      ev.preventDefault();
      navigate(url.pathname + url.search);
      if (url.pathname === '/') window.scrollTo(0, 0);
    });
    window.addEventListener('popstate', route);

    // "/" focuses the search box from anywhere but a text field.
    document.addEventListener('keydown', (ev) => {
      if (ev.key !== '/' || ev.ctrlKey || ev.metaKey || ev.altKey) return;
      const t = ev.target;
      if (t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) return;
      ev.preventDefault();
      if (location.pathname !== '/') navigate(sessionStorage.getItem('lastSearch') || '/');
      $('#f-q').focus();
      $('#f-q').select();
    });

    route();
    loadLists();
    if (location.pathname === '/') $('#f-q').focus();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
