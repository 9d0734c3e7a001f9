/**
 * Accounts, password hashing, the bootstrap operator and the tenancy rule ({@link
 * com.warehouseexport.security.TenantAccess}).
 */
package com.warehouseexport.security;
