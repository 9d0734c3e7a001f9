/**
 * Manual export: start a download export, the store of finished files, their names and their
 * retention.
 */
package com.warehouseexport.export.manual;
