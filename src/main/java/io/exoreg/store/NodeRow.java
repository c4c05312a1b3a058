package io.exoreg.store;

import io.exoreg.ruleset.Bundle.NodeEntry;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A node of the source or the delivery-method tree; both tables have this shape. */
@MappedSuperclass
abstract class NodeRow extends EntryRow<NodeEntry> {
  @Id public String id;
  public String parent;
  public String label;

  @JdbcTypeCode(SqlTypes.ARRAY)
  public List<String> aliases;

  @Override
  void write(NodeEntry e) {
    id = e.id();
    parent = e.parent();
    label = e.label();
    aliases = e.aliases();
  }

  @Override
  NodeEntry entry() {
    return new NodeEntry(id, parent, label, aliases);
  }
}
