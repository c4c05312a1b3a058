package io.exoreg.decision;

import java.util.List;

/** An entry of one of the table's vocabularies: an id, an optional parent and its aliases. */
public interface TreeEntry {
  String id();

  String parent();

  List<String> aliases();
}
