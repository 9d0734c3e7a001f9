/**
 * Export history and status read from the JBeret job repository, and which exports a caller may
 * see.
 */
package com.warehouseexport.export.history;
