/**
 * Sign-in (form and HTTP Basic in one Jakarta Security mechanism) and the caller of the current
 * request.
 */
package com.warehouseexport.web.security;
