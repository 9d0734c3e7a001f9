/**
 * The Jakarta Faces admin console: backing beans (one service call each), formatting, the CSV
 * download servlet.
 */
package com.warehouseexport.web.console;
