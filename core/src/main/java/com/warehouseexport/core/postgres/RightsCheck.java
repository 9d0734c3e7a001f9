package com.warehouseexport.core.postgres;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides, from what the connection found out, whether a delivery can work, and names what is
 * missing in admin words. A delivery needs: the schema, {@code USAGE} on it; if the table does not
 * exist yet, {@code CREATE} on the schema (the first delivery creates it); if it exists, columns
 * that are this table's ({@link CompanyUsageTable#mismatch}) and {@code INSERT} (COPY), {@code
 * DELETE} (a re-run replaces its period) and {@code SELECT} (the delete's {@code WHERE} reads
 * {@code export_period}) on it.
 */
public final class RightsCheck {

  /**
   * What the check found (inside a transaction that is rolled back).
   *
   * @param schemaExists whether the schema exists
   * @param usageOnSchema {@code USAGE} on the schema
   * @param tableExists whether the table exists (before the check tried to create it)
   * @param createOnSchema {@code CREATE} on the schema (a trial {@code CREATE TABLE} succeeded);
   *     only asked when the table does not exist
   * @param insert {@code INSERT} on the table (when it exists)
   * @param delete {@code DELETE} on the table (when it exists)
   * @param select {@code SELECT} on the table (when it exists)
   * @param columnsMismatch {@link CompanyUsageTable#mismatch}, or null
   */
  public record Facts(
      boolean schemaExists,
      boolean usageOnSchema,
      boolean tableExists,
      boolean createOnSchema,
      boolean insert,
      boolean delete,
      boolean select,
      String columnsMismatch) {}

  /**
   * The outcome.
   *
   * @param missing each missing right or problem, e.g. {@code CREATE on schema public}
   * @param field the settings field the admin should look at ({@code schema}, {@code table} or
   *     {@code user}), null when nothing is missing
   * @param message one sentence for the admin, null when nothing is missing
   */
  public record Result(List<String> missing, String field, String message) {
    public boolean ok() {
      return missing.isEmpty();
    }
  }

  private RightsCheck() {}

  public static Result decide(PostgresTarget target, Facts f) {
    String schema = target.schema();
    String table = target.schema() + "." + target.table();
    if (!f.schemaExists()) {
      return new Result(
          List.of("schema " + schema),
          "schema",
          "The schema " + schema + " does not exist in database " + target.database() + ".");
    }
    if (!f.usageOnSchema()) {
      return rights(target, List.of("USAGE on schema " + schema));
    }
    if (!f.tableExists()) {
      return f.createOnSchema()
          ? new Result(List.of(), null, null)
          : rights(
              target,
              List.of("CREATE on schema " + schema + " (to create the table " + table + ")"));
    }
    if (f.columnsMismatch() != null) {
      return new Result(List.of("table columns"), "table", f.columnsMismatch());
    }
    List<String> missing = new ArrayList<>();
    if (!f.insert()) {
      missing.add("INSERT on table " + table);
    }
    if (!f.delete()) {
      missing.add("DELETE on table " + table);
    }
    if (!f.select()) {
      missing.add("SELECT on table " + table);
    }
    return missing.isEmpty() ? new Result(List.of(), null, null) : rights(target, missing);
  }

  private static Result rights(PostgresTarget target, List<String> missing) {
    String list =
        missing.size() == 1
            ? missing.get(0)
            : String.join(", ", missing.subList(0, missing.size() - 1))
                + " and "
                + missing.get(missing.size() - 1);
    return new Result(
        List.copyOf(missing),
        "user",
        "The user "
            + target.user()
            + " lacks "
            + list
            + ": grant "
            + (missing.size() == 1 ? "it" : "them")
            + ", or use a user that has "
            + (missing.size() == 1 ? "it" : "them")
            + ".");
  }
}
