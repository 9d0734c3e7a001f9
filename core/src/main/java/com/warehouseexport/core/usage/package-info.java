/**
 * The company data model math: aggregations, data points, First/Last Seen/Used, STARS, frequency,
 * satisfaction.
 */
package com.warehouseexport.core.usage;
