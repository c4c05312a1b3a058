package io.exoreg.decision;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One vocabulary of the table as an immutable tree (a forest, in fact): lookup by id or alias in
 * any case, ancestors and children. Built only from entries whose parents exist and form no cycle.
 *
 * <p>Each node also has a number, its place in the tree read depth first (a node before its
 * children, siblings in the order given), and "is this node at or below that one" is a bit test on
 * those numbers: the decision core asks it many times per question.
 */
public final class Tree<T extends TreeEntry> {
  private final Map<String, T> byId;
  private final Map<String, String> idByKey;

  /** Every id, alias and name with the id it spells, for suggestions when nothing matches. */
  private final List<String[]> spellings;

  private final Map<String, List<String>> chains;
  private final Map<String, List<String>> children;
  private final Map<String, Integer> numbers;

  /** For each node's number, the numbers of the node and its ancestors, as a bit set. */
  private final long[][] lines;

  public Tree(Collection<T> entries) {
    Map<String, T> ids = new LinkedHashMap<>();
    Map<String, String> keys = new HashMap<>();
    Map<String, List<String>> kids = new LinkedHashMap<>();
    for (T entry : entries) {
      ids.put(entry.id(), entry);
      kids.put(entry.id(), new ArrayList<>());
    }
    List<String[]> spellings = new ArrayList<>();
    for (T entry : entries) {
      keys.put(key(entry.id()), entry.id());
      spellings.add(new String[] {entry.id(), entry.id()});
      for (String alias : entry.aliases()) {
        keys.putIfAbsent(key(alias), entry.id());
        spellings.add(new String[] {alias, entry.id()});
      }
      if (entry.parent() != null) {
        kids.get(entry.parent()).add(entry.id());
      }
    }
    // Names come after every id and alias, and a name two entries share stands for neither.
    Map<String, String> named = new HashMap<>();
    for (T entry : entries) {
      String name = key(entry.name());
      if (!name.isEmpty() && !keys.containsKey(name)) {
        named.merge(name, entry.id(), (one, other) -> one.equals(other) ? one : "");
      }
      if (entry.name() != null) {
        spellings.add(new String[] {entry.name(), entry.id()});
      }
    }
    named.forEach(
        (name, id) -> {
          if (!id.isEmpty()) {
            keys.put(name, id);
          }
        });
    keys.remove("");
    Map<String, List<String>> upwards = new HashMap<>();
    for (T entry : entries) {
      List<String> line = new ArrayList<>();
      for (String id = entry.id(); id != null; id = ids.get(id).parent()) {
        line.add(id);
      }
      upwards.put(entry.id(), List.copyOf(line));
    }
    kids.replaceAll((id, list) -> List.copyOf(list));
    Map<String, Integer> order = new HashMap<>();
    for (T entry : entries) {
      if (entry.parent() == null) {
        number(entry.id(), kids, order);
      }
    }
    long[][] bits = new long[order.size()][];
    for (Map.Entry<String, List<String>> line : upwards.entrySet()) {
      long[] set = new long[(order.size() + 63) >>> 6];
      for (String id : line.getValue()) {
        int n = order.get(id);
        set[n >>> 6] |= 1L << n;
      }
      bits[order.get(line.getKey())] = set;
    }
    this.byId = Collections.unmodifiableMap(ids);
    this.idByKey = Map.copyOf(keys);
    this.spellings = List.copyOf(spellings);
    this.chains = Map.copyOf(upwards);
    this.children = Collections.unmodifiableMap(kids);
    this.numbers = Map.copyOf(order);
    this.lines = bits;
  }

  private static void number(
      String id, Map<String, List<String>> kids, Map<String, Integer> order) {
    order.put(id, order.size());
    for (String child : kids.get(id)) {
      number(child, kids, order);
    }
  }

  /**
   * Lookups ignore case, accents, punctuation and a leading "the" ({@link Names#key}), so "uk", "
   * UK " and "U.K." are one code and "the Netherlands" is a name of NL.
   */
  public static String key(String text) {
    return Names.key(text);
  }

  /** The canonical id that an id, an alias or a name stands for, written in any of those ways. */
  public Optional<String> resolve(String idOrAlias) {
    return idOrAlias == null ? Optional.empty() : Optional.ofNullable(idByKey.get(key(idOrAlias)));
  }

  /**
   * The ids whose id, aliases or name are closest to an input that matches none, best first: what
   * the person probably meant.
   */
  public List<String> suggest(String input, int limit) {
    Map<String, String> idOf = new LinkedHashMap<>();
    for (String[] spelling : spellings) {
      idOf.putIfAbsent(spelling[0], spelling[1]);
    }
    return Names.closest(input, idOf.keySet(), Integer.MAX_VALUE).stream()
        .map(idOf::get)
        .distinct()
        .limit(limit)
        .toList();
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
    return isSameOrBelow(number(id), number(ancestor));
  }

  /** As {@link #isSameOrBelow(String, String)}, on the nodes' numbers. */
  public boolean isSameOrBelow(int id, int ancestor) {
    return (lines[id][ancestor >>> 6] & (1L << ancestor)) != 0;
  }

  /** The node's place in the tree read depth first; nodes below it have higher numbers. */
  public int number(String id) {
    return numbers.get(id);
  }

  /** The id, its parent, the parent's parent, up to the root. */
  public List<String> chain(String id) {
    return chains.get(id);
  }

  public List<String> children(String id) {
    return children.getOrDefault(id, List.of());
  }
}
