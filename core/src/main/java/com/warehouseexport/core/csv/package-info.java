/** The export's CSV format: header, column order, RFC 4180 formatting of rows. */
package com.warehouseexport.core.csv;
