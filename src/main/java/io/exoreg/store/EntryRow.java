package io.exoreg.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.MappedSuperclass;

/**
 * A row holding one entry of the table in its bundle shape. Its position keeps the order the table
 * lists its entries in: an edit keeps an entry's place, a new entry goes last.
 */
@MappedSuperclass
abstract class EntryRow<E> extends PanacheEntityBase {
  public int position;

  /** Makes the row hold the entry, changing only the columns that differ. */
  abstract void write(E entry);

  abstract E entry();
}
