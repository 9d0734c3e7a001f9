package com.warehouseexport.export.settings;

import java.util.Objects;

/**
 * One invalid settings field and what is wrong with it (a sentence for an administrator).
 *
 * @param field the field's name as the API and the form know it (e.g. {@code bucketUrl}), or null
 *     when no single field is at fault
 */
public record FieldError(String field, String message) {

  public FieldError {
    Objects.requireNonNull(message, "message");
  }
}
