// xinfang web page: search, letter view, batches. Plain JavaScript, no libraries.
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

  function show(view) {
    for (const v of ['search', 'letter', 'batches']) $('#view-' + v).hidden = v !== view;
    for (const a of document.querySelectorAll('.mainnav a')) {
      if ((a.dataset.nav === view) || (view === 'letter' && a.dataset.nav === 'search')) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
  }

  function route() {
    const path = location.pathname;
    if (path.startsWith('/letters/')) {
      show('letter');
      showLetter(decodeURIComponent(path.slice('/letters/'.length)));
    } else if (path === '/batches') {
      show('batches');
      document.title = '批次 - 信访件检索';
      showBatches();
    } else {
      show('search');
      document.title = '信访件检索';
      fillForm();
      runSearch();
    }
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
        join(pets.map((p) => (p.anonymous ? el('span', { text: p.name || '匿名' }) : filterLink('person', p.name))), '、')));
    }
    const acc = letter.accused || [];
    if (acc.length) {
      parts.push(el('span', null, el('span', { class: 'k', text: '被反映人：' }),
        join(acc.map((o) => el('span', null, filterLink('official', o.name), o.title ? '（' + o.title + '）' : '')), '、')));
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
    if (letter.town) out.push(filterLink('town', letter.town));
    if (letter.village) out.push(filterLink('village', letter.village));
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
      fact('乡镇', l.town ? filterLink('town', l.town) : null),
      fact('村（社区）', l.village ? filterLink('village', l.village) : null),
      fact('问题类别', join((l.topics || []).map((t) => filterLink('topic', t)), '、')),
      fact('处理方式', l.disposition),
      fact('文字', l.script === 'traditional' ? '繁体' : '简体'));

    const petitioners = (l.petitioners || []).length
      ? el('ul', null, l.petitioners.map((p) => el('li', null, p.anonymous ? (p.name || '匿名') + '（匿名）' : filterLink('person', p.name))))
      : el('p', { class: 'empty', text: '未注明' });

    const accused = (l.accused || []).length
      ? el('table', { class: 'grid' },
        el('thead', null, el('tr', null, ['姓名', '职务', '乡镇', '村（社区）'].map((h) => el('th', { scope: 'col', text: h })))),
        el('tbody', null, l.accused.map((o) => el('tr', null,
          el('td', null, filterLink('official', o.name)), el('td', { text: o.title || '—' }),
          el('td', null, o.town ? filterLink('town', o.town) : '—'), el('td', null, o.village ? filterLink('village', o.village) : '—')))))
      : el('p', { class: 'empty', text: '未识别出被反映人' });

    const mentioned = (l.mentioned || []).length
      ? el('ul', null, l.mentioned.map((m) => el('li', null, filterLink('person', m.name), [m.title, m.role].filter(Boolean).length ? '（' + [m.title, m.role].filter(Boolean).join('，') + '）' : '')))
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
        el('td', { class: 'num', text: String(b.errors) }))));
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
      const url = new URL(a.href, location.href);
      if (url.origin !== location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/assets/')) return;
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
