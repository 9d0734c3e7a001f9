package com.warehouseexport.core.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.warehouseexport.core.csv.CompanyUsageCsv;
import com.warehouseexport.core.parquet.CompanyUsageParquet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompanyUsageTableTest {

  private static final PostgresTarget TARGET =
      PostgresSettingsRules.target(
          "db.example.com", null, "analytics", "Ware\"house", null, "loader", null);

  @Test
  void theColumnsAreTheCsvsInOrderThenThePeriodAndTheInstant() {
    assertEquals(CompanyUsageCsv.HEADER.size() + 2, CompanyUsageTable.COLUMNS.size());
    for (int i = 0; i < CompanyUsageParquet.COLUMNS.size(); i++) {
      assertEquals(CompanyUsageParquet.COLUMNS.get(i), CompanyUsageTable.COLUMNS.get(i).name());
    }
    assertEquals("export_period", CompanyUsageTable.COLUMNS.get(18).name());
    assertEquals("exported_at", CompanyUsageTable.COLUMNS.get(19).name());
  }

  @Test
  void nullableExactlyWhereTheParquetColumnIsOptional() {
    for (int i = 0; i < 18; i++) {
      boolean optional =
          CompanyUsageParquet.SCHEMA.getType(i).getRepetition()
              == org.apache.parquet.schema.Type.Repetition.OPTIONAL;
      assertEquals(optional, CompanyUsageTable.COLUMNS.get(i).nullable(), "column " + i);
    }
  }

  @Test
  void theDdlQuotesTheNamesAndHasTheKey() {
    String ddl = CompanyUsageTable.createTable(TARGET);
    assertTrue(
        ddl.startsWith("CREATE TABLE IF NOT EXISTS \"Ware\"\"house\".\"company_usage\" ("), ddl);
    assertTrue(ddl.contains("\"company_id\" text COLLATE \"C\" NOT NULL,"), ddl);
    assertTrue(ddl.contains("\"first_used\" date,"), ddl);
    assertTrue(ddl.contains("\"stars_state\" smallint NOT NULL,"), ddl);
    assertTrue(ddl.contains("\"feedback_count\" integer NOT NULL,"), ddl);
    assertTrue(ddl.contains("\"export_period\" date NOT NULL,"), ddl);
    assertTrue(ddl.contains("\"exported_at\" timestamp with time zone NOT NULL,"), ddl);
    assertTrue(ddl.endsWith("PRIMARY KEY (\"company_id\", \"feature_id\", \"date\")\n)"), ddl);
    assertEquals(
        "DELETE FROM \"Ware\"\"house\".\"company_usage\" WHERE \"export_period\" = ?",
        CompanyUsageTable.deletePeriod(TARGET));
    String copy = CompanyUsageTable.copyFromStdin(TARGET);
    assertTrue(copy.contains("(\"company_id\", \"company_name\","), copy);
    assertTrue(copy.endsWith("\"exported_at\") FROM STDIN WITH (FORMAT text, ENCODING 'UTF8')"));
  }

  @Test
  void aTableWithTheSameColumnsMatchesExtraNullableColumnsToo() {
    Map<String, CompanyUsageTable.ExistingColumn> existing = same();
    assertNull(CompanyUsageTable.mismatch("public.company_usage", existing));
    existing.put("note", new CompanyUsageTable.ExistingColumn("text", false, false));
    existing.put("loaded", new CompanyUsageTable.ExistingColumn("boolean", true, true));
    assertNull(CompanyUsageTable.mismatch("public.company_usage", existing));
  }

  @Test
  void aTableWithOtherColumnsIsNamed() {
    Map<String, CompanyUsageTable.ExistingColumn> existing = same();
    existing.remove("exported_at");
    existing.put("stars_state", new CompanyUsageTable.ExistingColumn("text", true, false));
    existing.put("owner", new CompanyUsageTable.ExistingColumn("text", true, false));
    String problem = CompanyUsageTable.mismatch("public.company_usage", existing);
    assertEquals(
        "The table public.company_usage exists with other columns (stars_state is text, not"
            + " smallint; no column exported_at; extra column owner is NOT NULL without a"
            + " default). Choose another table name, or drop or rename that table.",
        problem);
  }

  private static Map<String, CompanyUsageTable.ExistingColumn> same() {
    Map<String, CompanyUsageTable.ExistingColumn> m = new LinkedHashMap<>();
    for (CompanyUsageTable.Column c : CompanyUsageTable.COLUMNS) {
      m.put(c.name(), new CompanyUsageTable.ExistingColumn(c.catalogType(), !c.nullable(), false));
    }
    return m;
  }
}
