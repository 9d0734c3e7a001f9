package com.warehouseexport.export.settings;

/** Saving was refused (invalid values or the bucket check failed): HTTP 422, nothing saved. */
@jakarta.ejb.ApplicationException(rollback = true)
public class SettingsRejectedException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final String field;

  public SettingsRejectedException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
