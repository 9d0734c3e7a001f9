package com.warehouseexport.tracking;

import jakarta.ejb.ApplicationException;

/** A write lost a race with a concurrent one (duplicate key, deadlock, lock timeout): retry. */
@ApplicationException(rollback = true)
public class RetryableWriteException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public RetryableWriteException(Throwable cause) {
    super(cause.getMessage(), cause);
  }
}
