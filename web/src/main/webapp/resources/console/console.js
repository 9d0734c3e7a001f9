/*
 * Data export page: while an export runs, poll its progress with a Faces ajax request (the hidden
 * "Refresh progress" button) once a second; when it completes, start the download once.
 */
(function () {
  "use strict";
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

  function init() {
    if (window.faces && window.faces.ajax) {
      window.faces.ajax.addOnEvent(function (data) {
        if (data.status === "success") {
          watch();
        }
      });
    }
    watch();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
