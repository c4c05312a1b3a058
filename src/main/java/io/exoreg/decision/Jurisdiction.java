package io.exoreg.decision;

import java.util.List;

/** A country, subdivision or supranational body; the law of its parent also applies inside it. */
public record Jurisdiction(
    String code, String name, String parent, String regulator, String notes, List<String> aliases)
    implements TreeEntry {
  public Jurisdiction {
    aliases = List.copyOf(aliases);
  }

  @Override
  public String id() {
    return code;
  }
}
