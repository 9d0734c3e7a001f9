package com.warehouseexport.export.destination;

/** A period could not be delivered; the message is meant for the environment's admin. */
public class DeliveryFailedException extends Exception {

  private static final long serialVersionUID = 1L;

  public DeliveryFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
