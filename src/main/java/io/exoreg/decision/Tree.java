package io.exoreg.decision;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One vocabulary of the table as an immutable tree (a forest, in fact): lookup by id or alias in
 * any case, ancestors and children. Built only from entries whose parents exist and form no cycle.
 */
public final class Tree<T extends TreeEntry> {
  private final Map<String, T> byId;
  private final Map<String, String> idByKey;
  private final Map<String, Set<String>> ancestorsOrSelf;
  private final Map<String, List<String>> chains;
  private final Map<String, List<String>> children;

  public Tree(Collection<T> entries) {
    Map<String, T> ids = new LinkedHashMap<>();
    Map<String, String> keys = new HashMap<>();
    Map<String, List<String>> kids = new LinkedHashMap<>();
    for (T entry : entries) {
      ids.put(entry.id(), entry);
      kids.put(entry.id(), new ArrayList<>());
    }
    for (T entry : entries) {
      keys.put(key(entry.id()), entry.id());
      for (String alias : entry.aliases()) {
        keys.putIfAbsent(key(alias), entry.id());
      }
      if (entry.parent() != null) {
        kids.get(entry.parent()).add(entry.id());
      }
    }
    Map<String, Set<String>> ancestors = new HashMap<>();
    Map<String, List<String>> lines = new HashMap<>();
    for (T entry : entries) {
      List<String> line = new ArrayList<>();
      for (String id = entry.id(); id != null; id = ids.get(id).parent()) {
        line.add(id);
      }
      ancestors.put(entry.id(), Set.copyOf(line));
      lines.put(entry.id(), List.copyOf(line));
    }
    kids.replaceAll((id, list) -> List.copyOf(list));
    this.byId = Collections.unmodifiableMap(ids);
    this.idByKey = Map.copyOf(keys);
    this.ancestorsOrSelf = Map.copyOf(ancestors);
    this.chains = Map.copyOf(lines);
    this.children = Collections.unmodifiableMap(kids);
  }

  /** Lookups ignore case and surrounding blanks, so "uk", " UK " and "Uk" are one code. */
  public static String key(String text) {
    return text.strip().toLowerCase(Locale.ROOT);
  }

  /** The canonical id that an id or alias, in any case, stands for. */
  public Optional<String> resolve(String idOrAlias) {
    return idOrAlias == null ? Optional.empty() : Optional.ofNullable(idByKey.get(key(idOrAlias)));
  }

  public Optional<T> find(String idOrAlias) {
    return resolve(idOrAlias).map(byId::get);
  }

  public T get(String id) {
    return byId.get(id);
  }

  public boolean contains(String id) {
    return byId.containsKey(id);
  }

  /** Entries in the order they were given. */
  public Collection<T> entries() {
    return byId.values();
  }

  public int size() {
    return byId.size();
  }

  /** Whether {@code id} is {@code ancestor} or lies anywhere below it. */
  public boolean isSameOrBelow(String id, String ancestor) {
    return ancestorsOrSelf.get(id).contains(ancestor);
  }

  /** The id, its parent, the parent's parent, up to the root. */
  public List<String> chain(String id) {
    return chains.get(id);
  }

  /** The id and every id above it. */
  public Set<String> ancestorsOrSelf(String id) {
    return ancestorsOrSelf.get(id);
  }

  public List<String> children(String id) {
    return children.getOrDefault(id, List.of());
  }
}
