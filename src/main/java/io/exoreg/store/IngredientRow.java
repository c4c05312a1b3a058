package io.exoreg.store;

import io.exoreg.ruleset.Bundle.IngredientEntry;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "ingredient")
class IngredientRow extends EntryRow<IngredientEntry> {
  @Id public String id;
  public String label;

  @JdbcTypeCode(SqlTypes.ARRAY)
  public List<String> aliases;

  @Override
  void write(IngredientEntry e) {
    id = e.id();
    label = e.label();
    aliases = e.aliases();
  }

  @Override
  IngredientEntry entry() {
    return new IngredientEntry(id, label, aliases);
  }
}
