package com.warehouseexport.core.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.warehouseexport.core.csv.CompanyUsageCsvWriter;
import com.warehouseexport.core.usage.CompanyUsageRow;
import com.warehouseexport.core.usage.Frequency;
import com.warehouseexport.core.usage.Satisfaction;
import com.warehouseexport.core.usage.StarsState;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CopyRowsTest {

  private static final LocalDate DAY = LocalDate.of(2026, 11, 29);
  private static final OffsetDateTime AT =
      OffsetDateTime.of(2026, 11, 30, 0, 15, 0, 120_000_000, ZoneOffset.ofHours(2));

  @Test
  void aFullRowIsTabSeparatedWithThePeriodAndTheInstantInUtc() throws Exception {
    String rows =
        copy(
            new CompanyUsageRow(
                "C-1",
                "Acme",
                "Alerts",
                "alerts",
                DAY,
                DAY.minusDays(20),
                DAY,
                DAY.minusDays(10),
                DAY.minusDays(1),
                StarsState.RETAINED,
                Frequency.WEEKLY,
                Satisfaction.SATISFIED,
                3,
                "Big,Trial",
                "s1,s2"));
    assertEquals(
        "C-1\tAcme\tAlerts\talerts\t2026-11-29\t2026-11-09\t2026-11-29\t2026-11-19\t2026-11-28"
            + "\tretained\t3\tweekly\t2\tsatisfied\t4\t3\tBig,Trial\ts1,s2"
            + "\t2026-11-29\t2026-11-29 22:15:00.120000+00:00\n",
        rows);
  }

  @Test
  void emptyCellsAreNullAndSpecialCharactersAreEscaped() throws Exception {
    String rows =
        copy(
            new CompanyUsageRow(
                "C\\2",
                "Tab\there\r\nand \"quotes\", commas 🚀",
                "Alerts",
                "alerts",
                DAY,
                DAY,
                DAY,
                null,
                null,
                StarsState.NEVER,
                Frequency.INACTIVE,
                null,
                0,
                "",
                ""));
    assertEquals(
        "C\\\\2\tTab\\there\\r\\nand \"quotes\", commas 🚀\tAlerts\talerts\t2026-11-29"
            + "\t2026-11-29\t2026-11-29\t\\N\t\\N\tnever\t1\tinactive\t0\t\\N\t\\N\t0\t\\N\t\\N"
            + "\t2026-11-29\t2026-11-29 22:15:00.120000+00:00\n",
        rows);
  }

  @Test
  void aCompanyWithoutNameIsNull() throws Exception {
    String rows =
        copy(
            new CompanyUsageRow(
                "C-3",
                null,
                "Alerts",
                "alerts",
                DAY,
                DAY,
                DAY,
                DAY,
                DAY,
                StarsState.TRIED,
                Frequency.DAILY,
                Satisfaction.VERY_DISSATISFIED,
                1,
                "",
                ""));
    assertEquals("C-3\t\\N\tAlerts", rows.substring(0, rows.indexOf("\talerts")));
  }

  @Test
  void everyRecordOfTheCsvBecomesOneRowInOrder() throws Exception {
    StringWriter csv = new StringWriter();
    try (CompanyUsageCsvWriter w = new CompanyUsageCsvWriter(csv)) {
      w.writeHeader();
      for (int i = 0; i < 3; i++) {
        w.write(
            new CompanyUsageRow(
                "C-" + i,
                "line\nbreak",
                "F",
                "f",
                DAY,
                DAY,
                DAY,
                null,
                null,
                StarsState.NEVER,
                Frequency.INACTIVE,
                null,
                0,
                "",
                ""));
      }
    }
    StringWriter out = new StringWriter();
    long n = new CopyRows(DAY, AT).write(new StringReader(csv.toString()), out);
    assertEquals(3, n);
    String[] lines = out.toString().split("\n");
    assertEquals(3, lines.length);
    for (int i = 0; i < 3; i++) {
      assertEquals(20, lines[i].split("\t", -1).length);
      assertEquals("C-" + i + "\tline\\nbreak", lines[i].substring(0, lines[i].indexOf("\tF\t")));
    }
  }

  private static String copy(CompanyUsageRow row) {
    StringBuilder b = new StringBuilder();
    new CopyRows(DAY, AT).row(row, b);
    return b.toString();
  }
}
