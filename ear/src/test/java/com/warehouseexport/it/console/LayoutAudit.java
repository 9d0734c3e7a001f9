package com.warehouseexport.it.console;

import java.util.List;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * The layout audit of the console's browser tests (issue 22): on the page now shown, at the
 * window's current width, nothing a person must reach or read is cut off.
 *
 * <ul>
 *   <li>no visible interactive element (link, button, field, summary, focusable element) and no
 *       confirmation ({@code .confirm}, {@code role=alertdialog}) is clipped by an ancestor whose
 *       overflow is not {@code visible} — sideways for any such ancestor (a scroll box hides its
 *       Actions column just the same), up and down for {@code hidden}/{@code clip} ones;
 *   <li>none lies outside the viewport horizontally;
 *   <li>no visible text is smaller than 11 px as drawn (SVG text counts its scaling: a chart shrunk
 *       to a phone's width shrinks its labels).
 * </ul>
 *
 * Elements hidden on purpose are left out: not rendered, zero-sized, {@code .visually-hidden} and
 * the skip link until it is focused.
 */
final class LayoutAudit {

  /** The smallest text size a person must read. */
  static final double MIN_TEXT_PX = 11.0;

  private LayoutAudit() {}

  private static final String SCRIPT =
      """
      var MIN = arguments[0];
      window.scrollTo(0, window.scrollY);
      var vw = document.documentElement.clientWidth;
      var problems = [];
      function name(el) {
        var s = el.tagName.toLowerCase();
        if (el.id) { s += '#' + el.id; }
        else if (el.classList && el.classList.length) { s += '.' + Array.prototype.join.call(el.classList, '.'); }
        var text = (el.value || el.textContent || el.getAttribute('aria-label') || '').replace(/\\s+/g, ' ').trim();
        if (text) { s += ' "' + text.substring(0, 40) + '"'; }
        return s;
      }
      function hiddenOnPurpose(el) {
        for (var e = el; e && e.nodeType === 1; e = e.parentElement) {
          if (e.classList.contains('visually-hidden')) { return true; }
          if (e.classList.contains('skip-link') && document.activeElement !== e) { return true; }
        }
        return false;
      }
      function shown(el) {
        var style = getComputedStyle(el);
        if (style.visibility !== 'visible' || parseFloat(style.opacity) === 0) { return false; }
        var r = el.getBoundingClientRect();
        return r.width > 1 && r.height > 1 && !hiddenOnPurpose(el);
      }
      function px(n) { return Math.round(n); }
      var selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary,'
          + ' [tabindex]:not([tabindex="-1"]), .confirm, [role=alertdialog]';
      document.querySelectorAll(selector).forEach(function (el) {
        if (!shown(el)) { return; }
        var r = el.getBoundingClientRect();
        if (r.left < -0.5 || r.right > vw + 0.5) {
          problems.push(name(el) + ' lies outside the viewport horizontally (x ' + px(r.left) + '–'
              + px(r.right) + ', viewport 0–' + vw + ')');
          return;
        }
        for (var a = el.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
          var s = getComputedStyle(a);
          var box = a.getBoundingClientRect();
          var left = box.left + a.clientLeft, right = left + a.clientWidth;
          var top = box.top + a.clientTop, bottom = top + a.clientHeight;
          var sideways = s.overflowX !== 'visible' && (r.left < left - 0.5 || r.right > right + 0.5);
          var vertical = (s.overflowY === 'hidden' || s.overflowY === 'clip')
              && (r.top < top - 0.5 || r.bottom > bottom + 0.5);
          if ((sideways || vertical) && !hiddenOnPurpose(a)) {
            problems.push(name(el) + ' is clipped by ' + name(a).substring(0, 60) + ' (overflow '
                + s.overflowX + '/' + s.overflowY + '; element x ' + px(r.left) + '–' + px(r.right)
                + ' y ' + px(r.top) + '–' + px(r.bottom) + ', visible box x ' + px(left) + '–'
                + px(right) + ' y ' + px(top) + '–' + px(bottom) + ')');
            return;
          }
        }
      });
      var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      var small = {};
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.nodeValue.trim()) { continue; }
        var el = node.parentElement;
        if (!el || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TITLE', 'OPTION'].indexOf(el.tagName) >= 0) { continue; }
        var range = document.createRange();
        range.selectNodeContents(node);
        var rects = range.getClientRects();
        if (!rects.length || (rects[0].width <= 1 && rects[0].height <= 1)) { continue; }
        var style = getComputedStyle(el);
        if (style.visibility !== 'visible' || hiddenOnPurpose(el)) { continue; }
        var size = parseFloat(style.fontSize);
        if (el instanceof SVGElement && el.getScreenCTM) {
          var m = el.getScreenCTM();
          if (m) { size = size * Math.sqrt(Math.abs(m.a * m.d - m.b * m.c)); }
        }
        if (size < MIN - 0.05) {
          var key = name(el).substring(0, 60) + ' is ' + size.toFixed(1) + ' px';
          small[key] = (small[key] || 0) + 1;
        }
      }
      Object.keys(small).forEach(function (k) {
        problems.push('text ' + k + ' (under ' + MIN + ' px' + (small[k] > 1 ? ', ' + small[k] + ' times' : '') + ')');
      });
      return problems;
      """;

  /** The problems of the page now shown, one readable line each; empty when the layout is fine. */
  @SuppressWarnings("unchecked")
  static List<String> problems(WebDriver driver) {
    return (List<String>) ((JavascriptExecutor) driver).executeScript(SCRIPT, MIN_TEXT_PX);
  }

  /** Throws an {@link AssertionError} naming every problem of the page now shown. */
  static void audit(WebDriver driver, String pageName, int width) {
    List<String> problems = problems(driver);
    if (!problems.isEmpty()) {
      throw new AssertionError(
          "layout audit: "
              + problems.size()
              + " problem(s) on "
              + pageName
              + " at "
              + width
              + " px ("
              + driver.getCurrentUrl()
              + "):\n- "
              + String.join("\n- ", problems));
    }
  }
}
