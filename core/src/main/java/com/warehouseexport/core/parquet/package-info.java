/**
 * The company-usage export as a Parquet file (PRODUCT.md §11, docs/parquet.md): typed columns, zstd
 * or snappy pages, row groups flushed as they fill, written by Apache Parquet Java without Hadoop
 * or native libraries.
 */
package com.warehouseexport.core.parquet;
