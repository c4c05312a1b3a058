package io.exoreg.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The single row that holds the table's revision and what the table says about itself. Writers lock
 * it first, so that changes commit one at a time and each moves the revision by one.
 */
@Entity
@Table(name = "ruleset")
class RulesetRow extends PanacheEntityBase {
  static final short ID = 1;

  @Id public short id;
  public long revision;
  public String title;

  @Column(name = "published_on")
  public String publishedOn;

  public String disclaimer;

  @JdbcTypeCode(SqlTypes.JSON)
  public Map<String, String> statuses;

  /** The row under the writers' lock, held until the transaction ends. */
  static RulesetRow forWriting() {
    return head(LockModeType.PESSIMISTIC_WRITE);
  }

  /** The row under a reader's lock: no writer commits until the transaction ends. */
  static RulesetRow forReading() {
    return head(LockModeType.PESSIMISTIC_READ);
  }

  private static RulesetRow head(LockModeType lock) {
    RulesetRow row = findById(ID, lock);
    if (row == null) {
      throw new IllegalStateException("The ruleset row is missing");
    }
    return row;
  }
}
