/**
 * The SSRF guard: which endpoint addresses an S3 client may connect to (decided without
 * connecting).
 */
package com.warehouseexport.core.net;
