/**
 * The in-page half of bench/web.bench.ts, installed with page.addInitScript before any of the app's
 * scripts run. Plain JavaScript in a string: a TypeScript function would be serialised after tsx's
 * transform, which may add helpers (`__name`) that do not exist in the page.
 *
 * It exposes `window.__benchProbe`:
 * - `lists`: one entry per `GET /api/v1/tickets` made through `window.fetch` (the app's only way to
 *   call the API, web/src/app/api.ts): when it was requested, when its headers came, when the app had
 *   read and parsed its body (`response.json()` resolved: "data arrived"), how many tickets it held;
 *   for first pages (no cursor), when the table showed the page's first and last tickets
 *   (`tr.fl-ticket-row[data-ticket-index=…]` linking to them, seen by a MutationObserver: "rendered"),
 *   the next animation frame ("frame") and the one after it ("painted", double rAF).
 * - `rowsAt`: when the first ticket row appeared in the document.
 * - `lcp`, `longTasks`: from PerformanceObservers (buffered).
 * - `ready()`: performance.now() if a ticket row is in the document and the search box is enabled and
 *   takes the focus, else null.
 * - `snapshot()`: all of the above plus Navigation Timing, First Contentful Paint and Resource Timing.
 *
 * All times are performance.now() values: milliseconds since the navigation started.
 */
export const probeScript = String.raw`(() => {
  if (window.top !== window || window.__benchProbe) return;
  const ROW = 'tr.fl-ticket-row';
  const probe = { lists: [], rowsAt: null, lcp: null, longTasks: [], errors: [] };
  Object.defineProperty(window, '__benchProbe', { value: probe });
  try { performance.setResourceTimingBufferSize(2000); } catch (e) {}

  const pending = new Set();
  const rowLinks = (index, id) => {
    const row = document.querySelector(ROW + '[data-ticket-index="' + index + '"]');
    return !!row && !!row.querySelector('a[href$="/tickets/' + id + '"]');
  };
  const shown = (entry) => rowLinks(0, entry.firstId) && rowLinks(entry.rows - 1, entry.lastId);
  const check = () => {
    if (probe.rowsAt === null && document.querySelector(ROW)) probe.rowsAt = performance.now();
    for (const entry of pending) {
      if (!shown(entry)) continue;
      pending.delete(entry);
      entry.renderedAt = performance.now();
      requestAnimationFrame(() => {
        entry.frameAt = performance.now();
        requestAnimationFrame(() => { entry.paintedAt = performance.now(); });
      });
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['href', 'data-ticket-index'] });

  const originalFetch = window.fetch;
  window.fetch = function (input, init) {
    const promise = originalFetch.apply(this, arguments);
    let url;
    try {
      url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, location.href);
    } catch (e) {
      return promise;
    }
    const method = ((init && init.method) || (input instanceof Request ? input.method : 'GET')).toUpperCase();
    if (url.pathname !== '/api/v1/tickets' || method !== 'GET') return promise;
    const entry = {
      url: url.pathname + url.search,
      q: url.searchParams.get('q'),
      limit: Number(url.searchParams.get('limit')) || null,
      cursor: url.searchParams.get('cursor'),
      requestedAt: performance.now(),
      headersAt: null, status: null, arrivedAt: null, rows: null, firstId: null, lastId: null,
      alreadyShown: false, renderedAt: null, frameAt: null, paintedAt: null,
    };
    probe.lists.push(entry);
    return promise.then((response) => {
      entry.headersAt = performance.now();
      entry.status = response.status;
      const json = response.json;
      response.json = function () {
        return json.call(this).then((value) => {
          entry.arrivedAt = performance.now();
          const data = value && Array.isArray(value.data) ? value.data : [];
          entry.rows = data.length;
          if (data.length > 0 && !entry.cursor) {
            entry.firstId = data[0].id;
            entry.lastId = data[data.length - 1].id;
            // A refetch of what is already on screen renders nothing new: not a measurement.
            if (shown(entry)) entry.alreadyShown = true;
            else pending.add(entry);
          }
          return value;
        });
      };
      return response;
    });
  };

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const el = e.element;
        probe.lcp = {
          time: e.startTime,
          size: e.size,
          element: el ? el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/)[0] : '') : null,
        };
      }
    }).observe({ type: 'largest-contentful-paint', buffered: true });
  } catch (e) { probe.errors.push('largest-contentful-paint: ' + e.message); }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { probe.errors.push('longtask: ' + e.message); }

  probe.ready = () => {
    if (!document.querySelector(ROW)) return null;
    const input = document.querySelector('input[aria-label="Search tickets"]');
    if (!input || input.disabled || input.readOnly) return null;
    input.focus({ preventScroll: true });
    if (document.activeElement !== input) return null;
    return performance.now();
  };

  probe.snapshot = () => {
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return {
      now: performance.now(),
      nav: nav ? {
        responseStart: nav.responseStart, responseEnd: nav.responseEnd,
        domInteractive: nav.domInteractive, domContentLoaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd,
        transferSize: nav.transferSize, encodedBodySize: nav.encodedBodySize, decodedBodySize: nav.decodedBodySize,
      } : null,
      fcp: fcp ? fcp.startTime : null,
      lcp: probe.lcp,
      rowsAt: probe.rowsAt,
      longTasks: probe.longTasks.slice(),
      lists: probe.lists.map((entry) => Object.assign({}, entry)),
      resources: performance.getEntriesByType('resource').map((e) => {
        const u = new URL(e.name);
        return {
          path: u.origin === location.origin ? u.pathname + u.search : e.name,
          initiatorType: e.initiatorType,
          startTime: e.startTime, responseEnd: e.responseEnd,
          transferSize: e.transferSize, encodedBodySize: e.encodedBodySize, decodedBodySize: e.decodedBodySize,
        };
      }),
      errors: probe.errors.slice(),
    };
  };
})();`;

/** What `window.__benchProbe.snapshot()` returns. */
export interface ProbeSnapshot {
  now: number;
  nav: {
    responseStart: number;
    responseEnd: number;
    domInteractive: number;
    domContentLoaded: number;
    load: number;
    transferSize: number;
    encodedBodySize: number;
    decodedBodySize: number;
  } | null;
  fcp: number | null;
  lcp: { time: number; size: number; element: string | null } | null;
  rowsAt: number | null;
  longTasks: { start: number; duration: number }[];
  lists: ListEntry[];
  resources: ResourceEntry[];
  errors: string[];
}

export interface ListEntry {
  url: string;
  q: string | null;
  limit: number | null;
  cursor: string | null;
  requestedAt: number;
  headersAt: number | null;
  status: number | null;
  arrivedAt: number | null;
  rows: number | null;
  firstId: number | null;
  lastId: number | null;
  alreadyShown: boolean;
  renderedAt: number | null;
  frameAt: number | null;
  paintedAt: number | null;
}

export interface ResourceEntry {
  path: string;
  initiatorType: string;
  startTime: number;
  responseEnd: number;
  transferSize: number;
  encodedBodySize: number;
  decodedBodySize: number;
}
