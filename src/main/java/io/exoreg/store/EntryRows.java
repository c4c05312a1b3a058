package io.exoreg.store;

import io.exoreg.ruleset.Bundle;
import io.exoreg.ruleset.Change;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hibernate.StatelessSession;

/**
 * The entries of the table in their rows, one kind of entry per table. An edit touches only the
 * rows of the entries it changes; a whole table written at once goes in batches through a stateless
 * session, which keeps no copy of what it writes.
 */
final class EntryRows {
  /** How a kind of entry maps to its rows. */
  private record Kind<E>(
      String entity,
      Class<? extends EntryRow<E>> type,
      String idAttribute,
      Supplier<EntryRow<E>> create,
      Function<E, String> id,
      Function<Bundle, List<E>> list) {
    String hql() {
      return type.getSimpleName();
    }
  }

  private static final List<Kind<?>> KINDS =
      List.of(
          new Kind<>(
              Change.INGREDIENT,
              IngredientRow.class,
              "id",
              IngredientRow::new,
              Bundle.IngredientEntry::id,
              Bundle::ingredients),
          new Kind<>(
              Change.JURISDICTION,
              JurisdictionRow.class,
              "code",
              JurisdictionRow::new,
              Bundle.JurisdictionEntry::code,
              Bundle::jurisdictions),
          new Kind<>(
              Change.SOURCE,
              SourceRow.class,
              "id",
              SourceRow::new,
              Bundle.NodeEntry::id,
              Bundle::sources),
          new Kind<>(
              Change.DELIVERY_METHOD,
              DeliveryMethodRow.class,
              "id",
              DeliveryMethodRow::new,
              Bundle.NodeEntry::id,
              Bundle::deliveryMethods),
          new Kind<>(
              Change.REFERENCE,
              CitationRow.class,
              "id",
              CitationRow::new,
              Bundle.ReferenceEntry::id,
              Bundle::references),
          new Kind<>(
              Change.RULE, RuleRow.class, "id", RuleRow::new, Bundle.RuleEntry::id, Bundle::rules),
          new Kind<>(
              Change.POLICY,
              PolicyRow.class,
              "id",
              PolicyRow::new,
              Bundle.PolicyEntry::id,
              b -> b.policies() == null ? List.of() : b.policies()));

  private static final Map<String, Kind<?>> BY_ENTITY = new HashMap<>();

  static {
    KINDS.forEach(kind -> BY_ENTITY.put(kind.entity(), kind));
  }

  private EntryRows() {}

  /**
   * Writes the changes of one edit through the session: a changed entry's row is updated in place,
   * a new one goes after the last, a removed one is deleted. The table's own metadata is not an
   * entry row.
   */
  static void apply(EntityManager session, List<Change> changes) {
    Map<String, Integer> next = new HashMap<>();
    for (Change change : changes) {
      Kind<?> kind = BY_ENTITY.get(change.entity());
      if (kind != null) {
        apply(session, kind, change, next);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <E> void apply(
      EntityManager session, Kind<E> kind, Change change, Map<String, Integer> next) {
    switch (change.action()) {
      case added -> {
        EntryRow<E> row = kind.create().get();
        row.write((E) change.after());
        row.position =
            next.compute(kind.entity(), (k, n) -> n == null ? end(session, kind) : n + 1);
        session.persist(row);
      }
      case changed -> session.find(kind.type(), change.id()).write((E) change.after());
      case removed -> session.remove(session.find(kind.type(), change.id()));
    }
  }

  /** The position after the last row of a kind. */
  private static int end(EntityManager session, Kind<?> kind) {
    Integer last =
        session
            .createQuery("select max(position) from " + kind.hql(), Integer.class)
            .getSingleResult();
    return last == null ? 0 : last + 1;
  }

  /**
   * Makes the rows hold exactly the bundle, each entry at its place in the bundle's lists: rows of
   * entries that were added, changed or moved are written, those of removed entries deleted. The
   * rows are written with {@code COPY}: a whole table may be a hundred thousand of them.
   */
  static void replace(StatelessSession session, Bundle bundle, List<Change> changes) {
    Set<String> changed = new HashSet<>();
    for (Change change : changes) {
      changed.add(change.entity() + "\u0000" + change.id());
    }
    for (Kind<?> kind : KINDS) {
      replace(session, kind, bundle, changed);
    }
  }

  private static <E> void replace(
      StatelessSession session, Kind<E> kind, Bundle bundle, Set<String> changed) {
    Map<String, Integer> positions = new HashMap<>();
    session
        .createSelectionQuery(
            "select " + kind.idAttribute() + ", position from " + kind.hql(), Object[].class)
        .getResultList()
        .forEach(row -> positions.put((String) row[0], (Integer) row[1]));
    List<E> entries = kind.list().apply(bundle);
    // a changed or moved entry's row is deleted and written anew: one COPY costs less than as many
    // updates
    List<Integer> written = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      String id = kind.id().apply(entries.get(i));
      Integer position = positions.remove(id);
      if (position != null && position == i && !changed.contains(kind.entity() + "\u0000" + id)) {
        continue;
      }
      if (position != null) {
        deleted.add(id);
      }
      written.add(i);
    }
    deleted.addAll(positions.keySet()); // the rows of entries the bundle no longer has
    for (int from = 0; from < deleted.size(); from += 1000) {
      session
          .createMutationQuery(
              "delete from " + kind.hql() + " where " + kind.idAttribute() + " in :ids")
          .setParameter("ids", deleted.subList(from, Math.min(deleted.size(), from + 1000)))
          .executeUpdate();
    }
    BulkCopy.insert(
        session,
        kind.type(),
        written,
        i -> {
          EntryRow<E> row = kind.create().get();
          row.write(entries.get(i));
          row.position = i;
          return row;
        });
  }

  /** Whether entries of this kind have rows of their own: the table's metadata has none. */
  static boolean stored(String entity) {
    return BY_ENTITY.containsKey(entity);
  }

  /** The entries of one kind with these ids, as their rows hold them now, by id. */
  static Map<String, Object> current(
      StatelessSession session, String entity, Collection<String> ids) {
    return current(session, BY_ENTITY.get(entity), ids);
  }

  private static <E> Map<String, Object> current(
      StatelessSession session, Kind<E> kind, Collection<String> ids) {
    Map<String, Object> entries = new HashMap<>();
    session
        .createSelectionQuery(
            "from " + kind.hql() + " where " + kind.idAttribute() + " in :ids", kind.type())
        .setParameter("ids", ids)
        .getResultList()
        .forEach(
            row -> {
              E entry = row.entry();
              entries.put(kind.id().apply(entry), entry);
            });
    return entries;
  }

  /** The table's entries as the rows hold them, in order: the lists of a bundle. */
  static <E> List<E> read(StatelessSession session, String entity) {
    @SuppressWarnings("unchecked")
    Kind<E> kind = (Kind<E>) BY_ENTITY.get(entity);
    List<E> entries = new ArrayList<>();
    BulkCopy.read(session, kind.create(), "position").forEach(row -> entries.add(row.entry()));
    return entries;
  }
}
