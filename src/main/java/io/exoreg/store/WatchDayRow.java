package io.exoreg.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A day whose scheduled changes have been turned into watches' events. */
@Entity
@Table(name = "watch_day")
class WatchDayRow extends PanacheEntityBase {
  @Id public LocalDate day;

  @Column(name = "done_at")
  public OffsetDateTime doneAt;
}
