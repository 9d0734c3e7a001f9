package com.warehouseexport.web.console;

import com.warehouseexport.web.security.AuthenticationMechanism;
import jakarta.faces.FacesException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.faces.event.ExceptionQueuedEventContext;
import jakarta.faces.event.PhaseId;
import jakarta.faces.render.ResponseStateManager;
import java.io.IOException;
import java.util.Iterator;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A view state that cannot be used — expired (session timed out, server restarted), another
 * session's, tampered with, or {@code stateless} on a page that keeps state — goes back to the
 * sign-in page with "page expired" ({@code ?expired=true}, a redirect), logs one line without a
 * stack trace, and nothing of the request is performed: any failure while restoring the view of a
 * postback counts as such. Any other failure of an ajax request is logged with an id and shows the
 * error page. Failures of full page requests go on to the container's error page (web.xml), which
 * never shows a stack trace.
 */
public class ConsoleExceptionHandlerFactory extends ExceptionHandlerFactory {

  private static final Logger LOG =
      Logger.getLogger(ConsoleExceptionHandlerFactory.class.getName());

  public ConsoleExceptionHandlerFactory(ExceptionHandlerFactory wrapped) {
    super(wrapped);
  }

  @Override
  public ExceptionHandler getExceptionHandler() {
    return new Handler(getWrapped().getExceptionHandler());
  }

  static final class Handler extends ExceptionHandlerWrapper {

    Handler(ExceptionHandler wrapped) {
      super(wrapped);
    }

    @Override
    public void handle() {
      FacesContext faces = FacesContext.getCurrentInstance();
      Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
      while (events.hasNext()) {
        ExceptionQueuedEventContext context = events.next().getContext();
        Throwable failure = context.getException();
        Throwable root = failure;
        while (root instanceof FacesException && root.getCause() != null) {
          root = root.getCause();
        }
        ExternalContext external = faces.getExternalContext();
        String target = null;
        if (root instanceof ViewExpiredException || unusableViewState(faces, context)) {
          LOG.warning(
              "Refused a console request with an expired or invalid view state: "
                  + ((jakarta.servlet.http.HttpServletRequest) external.getRequest()).getMethod()
                  + " "
                  + ((jakarta.servlet.http.HttpServletRequest) external.getRequest())
                      .getRequestURI()
                  + " from "
                  + ((jakarta.servlet.http.HttpServletRequest) external.getRequest())
                      .getRemoteAddr()
                  + " ("
                  + root.getClass().getSimpleName()
                  + ")");
          target =
              external.getRequestContextPath()
                  + AuthenticationMechanism.LOGIN_PAGE
                  + "?expired=true";
        } else if (faces.getPartialViewContext().isAjaxRequest()) {
          String id = UUID.randomUUID().toString().substring(0, 8);
          LOG.log(Level.SEVERE, "Unexpected console error " + id, failure);
          target = external.getRequestContextPath() + "/error/error.xhtml?id=" + id;
        }
        if (target != null) {
          events.remove();
          try {
            external.redirect(target);
          } catch (IOException e) {
            LOG.log(Level.FINE, "could not redirect", e);
          }
          faces.responseComplete();
        }
      }
      getWrapped().handle();
    }

    /** A failure while restoring the view of a postback: its view state was not usable. */
    private static boolean unusableViewState(
        FacesContext faces, ExceptionQueuedEventContext context) {
      return PhaseId.RESTORE_VIEW.equals(context.getPhaseId())
          && faces
              .getExternalContext()
              .getRequestParameterMap()
              .containsKey(ResponseStateManager.VIEW_STATE_PARAM);
    }
  }
}
