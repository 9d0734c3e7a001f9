/**
 * Automatic export settings and their secrets: validation by listing the bucket, encryption at
 * rest, key rotation.
 */
package com.warehouseexport.export.settings;
