package com.warehouseexport.api.v1;

import com.warehouseexport.errors.InvalidInputException;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Set;

/**
 * The body-less calls ({@code …/stop}, {@code …/restart}, {@code …/abandon}, {@code
 * …/export-status/resume}, {@code …/notification-targets/…/test}, {@code …/ingestion-key/rotation},
 * {@code DELETE}s) take an optional body: none, or a JSON object (whose fields they ignore). Anything
 * else — {@code {"x":}, {@code []}, bytes that are not UTF-8 — is a 400 naming the problem before
 * the resource runs, instead of being ignored while the call goes ahead. Calls that read a body
 * check it in {@link JsonObjectBodyReader}.
 */
@Provider
public class OptionalBodyFilter implements ContainerRequestFilter {

  private static final Set<Class<? extends Annotation>> NOT_THE_BODY =
      Set.of(
          PathParam.class,
          QueryParam.class,
          HeaderParam.class,
          CookieParam.class,
          MatrixParam.class,
          FormParam.class,
          BeanParam.class,
          Context.class,
          Suspended.class);

  @Context private ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    Method method = resource.getResourceMethod();
    if (method == null || readsBody(method) || !request.hasEntity()) {
      return;
    }
    long length = -1;
    String header = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
    if (header != null) {
      try {
        length = Long.parseLong(header.strip());
      } catch (NumberFormatException e) {
        length = -1;
      }
    }
    byte[] bytes =
        LimitedBody.read(request.getEntityStream(), length, JsonObjectBodyReader.MAX_BYTES);
    request.setEntityStream(new ByteArrayInputStream(bytes));
    if (bytes.length == 0
        || new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).isBlank()) {
      return;
    }
    JsonStructure json = JsonInput.parse(bytes);
    if (!(json instanceof JsonObject)) {
      throw new InvalidInputException(
          null, "This call takes no body, or a JSON object: the body is neither");
    }
  }

  private static boolean readsBody(Method method) {
    for (Annotation[] annotations : method.getParameterAnnotations()) {
      boolean body = true;
      for (Annotation a : annotations) {
        if (NOT_THE_BODY.contains(a.annotationType())) {
          body = false;
          break;
        }
      }
      if (body) {
        return true;
      }
    }
    return false;
  }
}
