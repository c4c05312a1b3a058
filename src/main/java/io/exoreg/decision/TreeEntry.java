package io.exoreg.decision;

import java.util.List;

/**
 * An entry of one of the table's vocabularies: an id, an optional parent, its aliases and the name
 * a person reads.
 */
public interface TreeEntry {
  String id();

  /** The label of a node, the name of a jurisdiction. */
  String name();

  String parent();

  List<String> aliases();
}
