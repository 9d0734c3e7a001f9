/**
 * The domain failures every layer shares: not found, invalid input, forbidden, sign-in required.
 * Services throw them, the API maps them to HTTP statuses in one place, the console shows them.
 */
package com.warehouseexport.errors;
