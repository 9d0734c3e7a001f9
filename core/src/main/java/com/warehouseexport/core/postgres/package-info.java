/**
 * The PostgreSQL table destination's pure rules (issue 23 item 2): the table's definition and DDL,
 * COPY rows made from the export CSV, the settings' validation, the TLS rule and the decision on
 * which rights are missing. No connection is made here.
 */
package com.warehouseexport.core.postgres;
