package io.exoreg.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An entry of the table's reference list (named so to keep clear of the SQL keyword). */
@Entity
@Table(name = "citation")
public class CitationRow extends PanacheEntityBase {
  @Id public String id;
  public String title;
  public String publisher;
  public String date;
  public String url;
  public String kind;
  public int position;
}
