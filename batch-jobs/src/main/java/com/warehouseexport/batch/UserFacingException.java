package com.warehouseexport.batch;

/** A failure whose message is already written for an admin and safe to show (no secrets). */
public class UserFacingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public UserFacingException(String message, Throwable cause) {
    super(message, cause);
  }

  public UserFacingException(String message) {
    super(message);
  }
}
