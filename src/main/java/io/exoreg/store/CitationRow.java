package io.exoreg.store;

import io.exoreg.ruleset.Bundle.ReferenceEntry;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An entry of the table's reference list (named so to keep clear of the SQL keyword). */
@Entity
@Table(name = "citation")
class CitationRow extends EntryRow<ReferenceEntry> {
  @Id public String id;
  public String title;
  public String publisher;
  public String date;
  public String url;
  public String kind;

  @Override
  void write(ReferenceEntry e) {
    id = e.id();
    title = e.title();
    publisher = e.publisher();
    date = e.date();
    url = e.url();
    kind = e.kind();
  }

  @Override
  ReferenceEntry entry() {
    return new ReferenceEntry(id, title, publisher, date, url, kind);
  }
}
