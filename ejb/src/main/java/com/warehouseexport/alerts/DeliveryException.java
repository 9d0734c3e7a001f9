package com.warehouseexport.alerts;

/** A delivery attempt failed; the message is for admins and holds no secret. */
class DeliveryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  DeliveryException(String message) {
    super(message);
  }
}
