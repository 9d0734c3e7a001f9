/**
 * Sign-in (form, HTTP Basic and personal API tokens in one Jakarta Security mechanism), the
 * throttling of failed sign-ins, the security headers, and the caller of the current request.
 */
package com.warehouseexport.web.security;
