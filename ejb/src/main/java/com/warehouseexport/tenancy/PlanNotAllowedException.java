package com.warehouseexport.tenancy;

import com.warehouseexport.errors.ForbiddenException;

/** The organization's plan does not include this export feature: HTTP 403. */
@jakarta.ejb.ApplicationException(rollback = true)
public class PlanNotAllowedException extends ForbiddenException {

  private static final long serialVersionUID = 1L;

  public PlanNotAllowedException(String message) {
    super(message);
  }
}
