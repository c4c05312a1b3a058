package io.exoreg.store;

import io.exoreg.ruleset.Bundle.JurisdictionEntry;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "jurisdiction")
class JurisdictionRow extends EntryRow<JurisdictionEntry> {
  @Id public String code;
  public String name;
  public String parent;
  public String regulator;
  public String notes;

  @JdbcTypeCode(SqlTypes.ARRAY)
  public List<String> aliases;

  @Override
  void write(JurisdictionEntry e) {
    code = e.code();
    name = e.name();
    parent = e.parent();
    regulator = e.regulator();
    notes = e.notes();
    aliases = e.aliases();
  }

  @Override
  JurisdictionEntry entry() {
    return new JurisdictionEntry(code, name, parent, regulator, notes, aliases);
  }
}
