package com.warehouseexport.security;

/** Who a signed-in person is to the product. */
public enum Role {
  /** Platform staff: the operator API across organizations. */
  OPERATOR,
  /** Customer admin: their own organization's environments only. */
  ORG_ADMIN;

  /** The Jakarta Security group name used in {@code @RolesAllowed}. */
  public String group() {
    return this == OPERATOR ? "operator" : "org-admin";
  }
}
