package com.warehouseexport.errors;

/** A referenced organization, environment or export does not exist (or is not visible). */
@jakarta.ejb.ApplicationException(rollback = true)
public class NotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }
}
