package com.warehouseexport.errors;

/** Nobody (or nobody known) is signed in (HTTP 401). */
@jakarta.ejb.ApplicationException(rollback = true)
public class SignInRequiredException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SignInRequiredException(String message) {
    super(message);
  }
}
