package com.warehouseexport.core.parquet;

import static org.apache.parquet.schema.LogicalTypeAnnotation.dateType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.intType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;

import java.util.List;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

/**
 * The Parquet schema of the company-usage export: the 18 CSV columns of PRODUCT.md §3, in the same
 * order, named in snake_case (the names docs/schema.md uses for every warehouse). Strings are
 * {@code BINARY (STRING)}, dates {@code INT32 (DATE)}, codes and counts {@code INT32}. A column is
 * {@code OPTIONAL} exactly where the CSV cell may be empty; an empty string is written as null, as
 * a CSV load reads the empty cell.
 */
public final class CompanyUsageParquet {

  /** The column names, in CSV column order. */
  public static final List<String> COLUMNS =
      List.of(
          "company_id",
          "company_name",
          "feature_name",
          "feature_id",
          "date",
          "first_seen",
          "last_seen",
          "first_used",
          "last_used",
          "stars_state_label",
          "stars_state",
          "frequency_label",
          "frequency",
          "satisfaction_label",
          "satisfaction",
          "feedback_count",
          "segment_names",
          "segment_ids");

  /** The file's schema (message {@code company_usage}). */
  public static final MessageType SCHEMA =
      Types.buildMessage()
          .required(BINARY)
          .as(stringType())
          .named("company_id")
          .optional(BINARY)
          .as(stringType())
          .named("company_name")
          .required(BINARY)
          .as(stringType())
          .named("feature_name")
          .required(BINARY)
          .as(stringType())
          .named("feature_id")
          .required(INT32)
          .as(dateType())
          .named("date")
          .required(INT32)
          .as(dateType())
          .named("first_seen")
          .required(INT32)
          .as(dateType())
          .named("last_seen")
          .optional(INT32)
          .as(dateType())
          .named("first_used")
          .optional(INT32)
          .as(dateType())
          .named("last_used")
          .required(BINARY)
          .as(stringType())
          .named("stars_state_label")
          .required(INT32)
          .as(intType(32, true))
          .named("stars_state")
          .required(BINARY)
          .as(stringType())
          .named("frequency_label")
          .required(INT32)
          .as(intType(32, true))
          .named("frequency")
          .optional(BINARY)
          .as(stringType())
          .named("satisfaction_label")
          .optional(INT32)
          .as(intType(32, true))
          .named("satisfaction")
          .required(INT32)
          .as(intType(32, true))
          .named("feedback_count")
          .optional(BINARY)
          .as(stringType())
          .named("segment_names")
          .optional(BINARY)
          .as(stringType())
          .named("segment_ids")
          .named("company_usage");

  private CompanyUsageParquet() {}
}
