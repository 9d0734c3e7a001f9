/**
 * The JSON API (JAX-RS) under {@code /api/v1}: thin resources, JSON bodies, one exception mapper.
 */
package com.warehouseexport.api.v1;
