package io.exoreg.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A node of the source or the delivery-method tree; both tables have this shape. */
@MappedSuperclass
public abstract class TreeNodeRow extends PanacheEntityBase {
  @Id public String id;
  public String parent;
  public String label;

  @JdbcTypeCode(SqlTypes.ARRAY)
  public List<String> aliases;

  public int position;
}
