package io.exoreg.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "ingredient")
public class IngredientRow extends PanacheEntityBase {
  @Id public String id;
  public String label;

  @JdbcTypeCode(SqlTypes.ARRAY)
  public List<String> aliases;

  public int position;
}
