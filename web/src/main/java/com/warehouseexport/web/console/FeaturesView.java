package com.warehouseexport.web.console;

import com.warehouseexport.catalog.CatalogService;
import com.warehouseexport.catalog.Feature;
import com.warehouseexport.errors.InvalidInputException;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings → Environment → Features: the features tracking registered, each with the name the
 * export shows and its adoption thresholds (PRODUCT.md §1). Org admins rename and tune them here;
 * the next export uses the new values.
 */
@Named
@ViewScoped
public class FeaturesView extends EnvironmentView {

  private static final long serialVersionUID = 1L;

  /** One editable row; the key is fixed (it is what tracking sends). */
  public static final class Row implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final String key;
    private final boolean autoRegistered;
    private String name;
    private Integer adoptionDays;
    private Integer adoptionWindowDays;

    Row(Feature f) {
      this.key = f.getKey();
      this.autoRegistered = f.isAutoRegistered();
      this.name = f.getName();
      this.adoptionDays = f.getAdoptionDays();
      this.adoptionWindowDays = f.getAdoptionWindowDays();
    }

    public String getKey() {
      return key;
    }

    public boolean isAutoRegistered() {
      return autoRegistered;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public Integer getAdoptionDays() {
      return adoptionDays;
    }

    public void setAdoptionDays(Integer adoptionDays) {
      this.adoptionDays = adoptionDays;
    }

    public Integer getAdoptionWindowDays() {
      return adoptionWindowDays;
    }

    public void setAdoptionWindowDays(Integer adoptionWindowDays) {
      this.adoptionWindowDays = adoptionWindowDays;
    }
  }

  @EJB private CatalogService catalog;

  private List<Row> rows = List.of();

  @Override
  protected void loaded() {
    reload();
  }

  private void reload() {
    List<Row> fresh = new ArrayList<>();
    catalog.features(getEnvironmentId()).forEach(f -> fresh.add(new Row(f)));
    rows = fresh;
  }

  /** Saves one row; other rows' unsaved edits are kept on the page. */
  public void save(Row row) {
    if (!recheck()) {
      return;
    }
    try {
      catalog.putFeature(
          getEnvironmentId(),
          row.getKey(),
          row.getName(),
          row.getAdoptionDays(),
          row.getAdoptionWindowDays());
      ConsolePages.info(
          "Feature "
              + row.getKey()
              + " saved: the next export shows it as \u201c"
              + (row.getName() == null || row.getName().isBlank() ? row.getKey() : row.getName())
              + "\u201d.");
    } catch (InvalidInputException e) {
      ConsolePages.error("Feature " + row.getKey() + ": " + e.getMessage());
    }
  }

  public List<Row> getRows() {
    return rows;
  }
}
