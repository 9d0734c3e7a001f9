package com.warehouseexport.web.console;

import jakarta.faces.application.ViewHandler;
import jakarta.faces.application.ViewHandlerWrapper;
import jakarta.faces.component.UIViewParameter;
import jakarta.faces.component.UIViewRoot;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewMetadata;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Addresses that survive (PRODUCT.md §12): a console form posts to its page's own address with the
 * page's view parameters ({@code env}, and on History {@code page} and {@code execution}), so after
 * any button press the address bar still names the environment and the page, and copying,
 * bookmarking or opening that address again shows the same page.
 *
 * <p>Only the settings pages ({@code /console/environments/}, {@code /console/account/}) are
 * concerned: the sign-in page's parameters ({@code expired}, {@code signedOut}) describe how one
 * arrived there and must not stick to its form.
 */
public class ConsoleViewHandler extends ViewHandlerWrapper {

  public ConsoleViewHandler(ViewHandler wrapped) {
    super(wrapped);
  }

  /**
   * Set while Faces builds a redirect or bookmarkable address: that address carries its own
   * parameters (a redirect to the same page with another {@code id} must not get the current page's
   * {@code id} as well), so the form's parameters are not added.
   */
  private static final String OWN_PARAMETERS = ConsoleViewHandler.class.getName() + ".own";

  @Override
  public String getRedirectURL(
      FacesContext context,
      String viewId,
      Map<String, List<String>> parameters,
      boolean includeViewParams) {
    Object before = context.getAttributes().put(OWN_PARAMETERS, Boolean.TRUE);
    try {
      return super.getRedirectURL(context, viewId, parameters, includeViewParams);
    } finally {
      restore(context, before);
    }
  }

  @Override
  public String getBookmarkableURL(
      FacesContext context,
      String viewId,
      Map<String, List<String>> parameters,
      boolean includeViewParams) {
    Object before = context.getAttributes().put(OWN_PARAMETERS, Boolean.TRUE);
    try {
      return super.getBookmarkableURL(context, viewId, parameters, includeViewParams);
    } finally {
      restore(context, before);
    }
  }

  private static void restore(FacesContext context, Object before) {
    if (before == null) {
      context.getAttributes().remove(OWN_PARAMETERS);
    } else {
      context.getAttributes().put(OWN_PARAMETERS, before);
    }
  }

  @Override
  public String getActionURL(FacesContext context, String viewId) {
    String url = super.getActionURL(context, viewId);
    UIViewRoot root = context.getViewRoot();
    if (context.getAttributes().containsKey(OWN_PARAMETERS)
        || viewId == null
        || root == null
        || !viewId.equals(root.getViewId())
        || !(viewId.startsWith("/console/environments/")
            || viewId.startsWith("/console/account/"))) {
      return url;
    }
    StringBuilder query = new StringBuilder();
    for (UIViewParameter parameter : ViewMetadata.getViewParameters(root)) {
      String value = parameter.getStringValue(context);
      if (value == null || value.isEmpty()) {
        continue;
      }
      query
          .append(query.isEmpty() ? "" : "&")
          .append(URLEncoder.encode(parameter.getName(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
    if (query.isEmpty()) {
      return url;
    }
    return url + (url.contains("?") ? "&" : "?") + query;
  }
}
