package io.exoreg.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "jurisdiction")
public class JurisdictionRow extends PanacheEntityBase {
  @Id public String code;
  public String name;
  public String parent;
  public String regulator;
  public String notes;

  @JdbcTypeCode(SqlTypes.ARRAY)
  public List<String> aliases;

  public int position;
}
