/**
 * Input bounds shared by every entry point: which characters ids, names and values may hold, which
 * instants are plausible, and the size, depth and number limits a JSON text must meet before it is
 * parsed.
 */
package com.warehouseexport.core.input;
