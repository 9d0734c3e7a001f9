package com.warehouseexport.export;

/** The action does not fit the execution's state (e.g. download while running): HTTP 409. */
@jakarta.ejb.ApplicationException(rollback = true)
public class ExportStateException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ExportStateException(String message) {
    super(message);
  }
}
