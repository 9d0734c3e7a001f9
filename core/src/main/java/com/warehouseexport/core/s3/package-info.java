/** S3 destinations: bucket URL parsing per provider, object key naming. */
package com.warehouseexport.core.s3;
