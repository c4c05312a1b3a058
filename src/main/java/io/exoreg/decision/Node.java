package io.exoreg.decision;

import java.util.List;

/** An ingredient, a source or a delivery method. Ingredients never have a parent. */
public record Node(String id, String parent, String label, List<String> aliases)
    implements TreeEntry {
  public Node {
    aliases = List.copyOf(aliases);
  }

  @Override
  public String name() {
    return label;
  }
}
