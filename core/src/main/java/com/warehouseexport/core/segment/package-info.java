/** Segment definitions and their conditions on company attributes. */
package com.warehouseexport.core.segment;
