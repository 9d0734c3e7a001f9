/**
 * Manual export: start a download export, the store of finished files ({@link
 * com.warehouseexport.export.manual.ExportFileStore}: the node's directory by default, or an
 * S3-compatible bucket every node reads when {@code EXPORT_STORE_URL} is set), their names and
 * their retention.
 */
package com.warehouseexport.export.manual;
