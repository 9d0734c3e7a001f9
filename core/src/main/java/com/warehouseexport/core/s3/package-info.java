/**
 * S3 destinations: bucket URL parsing per provider, the operator's export store URL, object key
 * naming.
 */
package com.warehouseexport.core.s3;
