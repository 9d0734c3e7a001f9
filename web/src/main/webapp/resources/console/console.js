/*
 * Data export page: while an export runs, poll its progress with a Faces ajax request (the hidden
 * "Refresh progress" button) once a second; when it completes, start the download once.
 *
 * Faces ajax without inline handlers (the Content-Security-Policy allows no inline script, and
 * <f:ajax> renders onclick/onchange attributes): an element with data-ajax-render is sent with
 * faces.ajax.request when clicked (buttons) or changed (selects); data-ajax-execute and
 * data-ajax-render hold what f:ajax's execute and render held, as client ids.
 */
(function () {
  "use strict";
  // Once per page, however often the page includes this file: two click listeners would send
  // every ajax request twice.
  if (window.warehouseConsole) {
    return;
  }
  window.warehouseConsole = true;
  var started = {};
  var timer = null;

  function watch() {
    var panel = document.querySelector("[data-export-state]");
    if (!panel) {
      return;
    }
    var state = panel.getAttribute("data-export-state");
    if (state === "running") {
      if (timer === null) {
        timer = window.setTimeout(function () {
          timer = null;
          var refresh = document.getElementById(panel.getAttribute("data-refresh"));
          if (refresh) {
            refresh.click();
          }
        }, 1000);
      }
    } else if (state === "complete") {
      var execution = panel.getAttribute("data-execution");
      var url = panel.getAttribute("data-download-url");
      if (url && execution && !started[execution]) {
        started[execution] = true;
        window.location.assign(url);
      }
    }
  }

  function ajax(event) {
    var target = event.target;
    var element = target && target.closest ? target.closest("[data-ajax-render]") : null;
    if (!element || !window.faces || !window.faces.ajax) {
      return;
    }
    var onChange = element.tagName === "SELECT";
    if ((event.type === "change") !== onChange) {
      return;
    }
    event.preventDefault();
    window.faces.ajax.request(element, event, {
      execute: element.getAttribute("data-ajax-execute") || "@this",
      render: element.getAttribute("data-ajax-render")
    });
  }

  document.addEventListener("click", ajax);

  /*
   * Copy buttons of secrets shown once (button.copy with data-copy="<id of the element holding the
   * secret>"): selects the secret, so one sees what is copied, puts it on the clipboard and says so
   * in the button's status line.
   */
  function copy(event) {
    var button = event.target && event.target.closest ? event.target.closest("button.copy[data-copy]") : null;
    if (!button) {
      return;
    }
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("aria-describedby"));
    if (!source) {
      return;
    }
    var text = source.textContent.trim();
    var range = document.createRange();
    range.selectNodeContents(source);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    function said(message) {
      if (status) {
        status.textContent = message;
      }
    }
    function fallback() {
      var copied = false;
      try {
        copied = document.execCommand("copy");
      } catch (e) {
        copied = false;
      }
      said(copied ? "Copied." : "Selected: press Ctrl+C (or \u2318C) to copy.");
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () {
        said("Copied.");
      }, fallback);
    } else {
      fallback();
    }
  }

  document.addEventListener("click", copy);
  document.addEventListener("change", ajax);

  /*
   * Live pages (PRODUCT.md §12): a region marked data-live-state="running" is re-rendered every few
   * seconds by a Faces ajax request (its hidden refresh button, named by data-live-refresh) until
   * it says "idle"; no request is sent while the tab is hidden. Focus and scroll position are kept;
   * a change of the region's data-live-summary is announced in a polite live region. Nothing moves
   * or flashes (prefers-reduced-motion needs nothing more).
   */
  var LIVE_INTERVAL = 3000;
  var liveTimers = {};
  var summaries = {};
  var announcer = null;
  var focusedId = null;
  var scrollY = null;

  function announce(text) {
    if (!announcer) {
      return;
    }
    announcer.textContent = text;
  }

  function refreshLive(regionId, buttonId) {
    liveTimers[regionId] = null;
    var region = document.getElementById(regionId);
    if (!region || region.getAttribute("data-live-state") !== "running") {
      return;
    }
    if (document.hidden) {
      schedule(region);
      return;
    }
    var button = document.getElementById(buttonId);
    if (!button || !window.faces || !window.faces.ajax) {
      return;
    }
    var active = document.activeElement;
    focusedId = active && active.id && region.contains(active) ? active.id : null;
    scrollY = window.scrollY;
    button.click();
  }

  function schedule(region) {
    var buttonId = region.getAttribute("data-live-refresh");
    if (!region.id || !buttonId || liveTimers[region.id]) {
      return;
    }
    liveTimers[region.id] = window.setTimeout(function () {
      refreshLive(region.id, buttonId);
    }, LIVE_INTERVAL);
  }

  function live() {
    var regions = document.querySelectorAll("[data-live-state]");
    for (var i = 0; i < regions.length; i++) {
      var region = regions[i];
      var summary = region.getAttribute("data-live-summary");
      if (summary !== null) {
        if (region.id in summaries && summaries[region.id] !== summary) {
          announce(summary);
        }
        summaries[region.id] = summary;
      }
      if (region.getAttribute("data-live-state") === "running") {
        schedule(region);
      }
    }
  }

  function restoreFocusAndScroll() {
    if (focusedId) {
      var element = document.getElementById(focusedId);
      if (element && document.activeElement !== element) {
        element.focus({ preventScroll: true });
      }
      focusedId = null;
    }
    if (scrollY !== null) {
      if (window.scrollY !== scrollY) {
        window.scrollTo(window.scrollX, scrollY);
      }
      scrollY = null;
    }
  }

  function init() {
    if (document.querySelector("[data-live-state]") && !document.getElementById("live-announcer")) {
      announcer = document.createElement("div");
      announcer.id = "live-announcer";
      announcer.className = "visually-hidden";
      announcer.setAttribute("role", "status");
      announcer.setAttribute("aria-live", "polite");
      document.body.appendChild(announcer);
    }
    if (window.faces && window.faces.ajax) {
      window.faces.ajax.addOnEvent(function (data) {
        if (data.status === "success") {
          watch();
          restoreFocusAndScroll();
          live();
        }
      });
    }
    watch();
    live();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
