package io.exoreg.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The single row holding the table's revision and what the table says about itself. */
@Entity
@Table(name = "ruleset")
public class RulesetRow extends PanacheEntityBase {
  static final short ID = 1;

  @Id public short id;
  public long revision;
  public String title;

  @Column(name = "published_on")
  public String publishedOn;

  public String disclaimer;

  @JdbcTypeCode(SqlTypes.JSON)
  public Map<String, String> statuses;
}
