package com.warehouseexport.export.settings;

import java.util.List;

/**
 * Saving was refused (invalid values or the bucket check failed): HTTP 422, nothing saved. {@link
 * #field()} and the message are the first problem's; {@link #errors()} lists every invalid field.
 */
@jakarta.ejb.ApplicationException(rollback = true)
public class SettingsRejectedException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final String field;
  private final List<FieldError> errors;

  public SettingsRejectedException(String field, String message) {
    super(message);
    this.field = field;
    this.errors = List.of(new FieldError(field, message));
  }

  /** Several fields at once; {@code errors} must not be empty. */
  public SettingsRejectedException(List<FieldError> errors) {
    super(errors.get(0).message());
    this.field = errors.get(0).field();
    this.errors = List.copyOf(errors);
  }

  public String field() {
    return field;
  }

  /** Every problem found, the first one being {@link #field()}'s. */
  public List<FieldError> errors() {
    return errors;
  }
}
