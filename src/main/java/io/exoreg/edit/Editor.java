package io.exoreg.edit;

import io.exoreg.decision.RuleTable;
import io.exoreg.problem.Problem.FieldError;
import io.exoreg.problem.ProblemException;
import io.exoreg.ruleset.Bundle.IngredientEntry;
import io.exoreg.ruleset.Bundle.JurisdictionEntry;
import io.exoreg.ruleset.Bundle.NodeEntry;
import io.exoreg.ruleset.Bundle.PolicyEntry;
import io.exoreg.ruleset.Bundle.RuleEntry;
import io.exoreg.ruleset.BundleEdits.Kind;
import io.exoreg.ruleset.EntityTags;
import io.exoreg.ruleset.InvalidRulesetException;
import io.exoreg.ruleset.Rulesets;
import io.exoreg.ruleset.TableEdit;
import io.exoreg.ruleset.Violation;
import io.exoreg.store.CurrentTable;
import io.exoreg.store.RulesetStore;
import io.exoreg.store.RulesetStore.Commit;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Writes one entry of the table: each write is checked against the whole table, commits as one
 * revision, and replaces the snapshot once committed. Replacing or deleting needs the entry's
 * current tag in {@code If-Match}.
 */
@ApplicationScoped
public class Editor {
  private static final Logger LOG = Logger.getLogger(Editor.class);

  private final RulesetStore store;
  private final CurrentTable current;

  public Editor(RulesetStore store, CurrentTable current) {
    this.store = store;
    this.current = current;
  }

  /** A committed write: the revision it made, the entry's new tag and the entry as stored. */
  public record Written(long revision, String etag, Object entry) {}

  public Written create(Kind kind, Object entry, Caller caller) {
    String id = idOf(entry);
    if (id == null || id.isBlank()) {
      throw ProblemException.invalid(List.of(new FieldError(idField(kind), "is required")));
    }
    caller.require(scope(kind, id));
    Commit commit =
        commit(
            caller,
            "create " + kind.noun + " " + id,
            kind,
            id,
            table -> {
              if (Rulesets.entry(table, kind, id).isPresent()) {
                throw new ProblemException(
                    409,
                    "A " + kind.noun + " '" + id + "' exists already; change it with PUT",
                    List.of(new FieldError(idField(kind), "is taken")));
              }
              return TableEdit.editing(table, kind, id, entry);
            });
    return written(commit, kind, id);
  }

  public Written replace(Kind kind, String path, Object entry, String ifMatch, Caller caller) {
    String id = canonical(kind, path);
    caller.require(scope(kind, id));
    String bodyId = idOf(entry);
    if (bodyId != null && !bodyId.equals(id)) {
      throw ProblemException.invalid(
          List.of(
              new FieldError(
                  idField(kind),
                  "'" + bodyId + "' differs from the path's '" + id + "'; ids are stable")));
    }
    Object withId = withId(kind, entry, id);
    Commit commit =
        commit(
            caller,
            "change " + kind.noun + " " + id,
            kind,
            id,
            table -> {
              checkMatch(table, kind, id, ifMatch);
              return TableEdit.editing(table, kind, id, withId);
            });
    return written(commit, kind, id);
  }

  public long delete(Kind kind, String path, String ifMatch, Caller caller) {
    String id = canonical(kind, path);
    caller.require(scope(kind, id));
    Commit commit =
        commit(
            caller,
            "delete " + kind.noun + " " + id,
            kind,
            id,
            table -> {
              checkMatch(table, kind, id, ifMatch);
              refuseIfUsed(table, kind, id);
              return TableEdit.editing(table, kind, id, null);
            });
    return commit.revision();
  }

  private Commit commit(
      Caller caller,
      String description,
      Kind kind,
      String id,
      Function<RuleTable, TableEdit> edit) {
    try {
      Commit commit = store.commit(caller.name(), description, edit);
      if (commit.applied()) {
        LOG.infof("Revision %d committed by %s: %s", commit.revision(), caller.name(), description);
      }
      return commit;
    } catch (InvalidRulesetException e) {
      throw new InvalidRulesetException(relative(e.violations(), kind, id));
    }
  }

  private Written written(Commit commit, Kind kind, String id) {
    return new Written(
        commit.revision(),
        EntityTags.of(commit.table(), kind, id).orElseThrow(),
        Rulesets.document(commit.table(), kind, id).orElseThrow());
  }

  /**
   * 428 without If-Match, 404 without the entry, 412 when the tag is not the entry's current one.
   */
  private static void checkMatch(RuleTable table, Kind kind, String id, String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank()) {
      throw new ProblemException(
          428,
          "Send If-Match with the ETag from GET of this "
              + kind.noun
              + ", so that a stale edit cannot overwrite a newer one",
          null);
    }
    String tag =
        EntityTags.of(table, kind, id)
            .orElseThrow(() -> ProblemException.notFound("No " + kind.noun + " '" + id + "'"));
    boolean matches = false;
    for (String candidate : ifMatch.split(",")) {
      String c = candidate.strip();
      matches |= c.equals("*") || c.equals("\"" + tag + "\"");
    }
    if (!matches) {
      throw new ProblemException(
          412,
          "The "
              + kind.noun
              + " '"
              + id
              + "' changed since that ETag was read; read it again and reapply the edit",
          null);
    }
  }

  /** Deleting a node that rules or children still use is refused, naming each user. */
  private static void refuseIfUsed(RuleTable table, Kind kind, String id) {
    List<FieldError> users = new ArrayList<>();
    Stream.concat(
            table.rules().stream(), table.policies().stream().flatMap(p -> p.rules().stream()))
        .filter(
            rule ->
                switch (kind) {
                  case RULE, POLICY -> false;
                  case INGREDIENT -> rule.ingredient().equals(id);
                  case JURISDICTION -> id.equals(rule.jurisdiction());
                  case SOURCE -> rule.source().equals(id);
                  case DELIVERY_METHOD -> rule.deliveryMethod().equals(id);
                })
        .forEach(
            rule ->
                users.add(
                    new FieldError(
                        "rules[" + rule.id() + "]", "still uses " + kind.noun + " '" + id + "'")));
    List<String> children =
        switch (kind) {
          case JURISDICTION -> table.jurisdictions().children(id);
          case SOURCE -> table.sources().children(id);
          case DELIVERY_METHOD -> table.deliveryMethods().children(id);
          default -> List.of();
        };
    children.forEach(child -> users.add(new FieldError(child, "is a child of '" + id + "'")));
    if (!users.isEmpty()) {
      throw new ProblemException(
          409,
          "The " + kind.noun + " '" + id + "' is still in use; change or delete its users first",
          users);
    }
  }

  /** Violations of the written entry are named by its own fields, not its place in the table. */
  private static List<Violation> relative(List<Violation> violations, Kind kind, String id) {
    return violations.stream()
        .map(
            v -> new Violation(v.field().replaceFirst("^[A-Za-z]+\\[\\d+\\]\\.?", ""), v.message()))
        .map(v -> v.field().isEmpty() ? new Violation(idField(kind), v.message()) : v)
        .toList();
  }

  /** A path names an entry by id or, for vocabularies, by alias in any case, as reads do. */
  private String canonical(Kind kind, String path) {
    return current
        .get()
        .flatMap(
            table ->
                switch (kind) {
                  case RULE, POLICY -> Optional.<String>empty();
                  case INGREDIENT -> table.ingredients().resolve(path);
                  case JURISDICTION -> table.jurisdictions().resolve(path);
                  case SOURCE -> table.sources().resolve(path);
                  case DELIVERY_METHOD -> table.deliveryMethods().resolve(path);
                })
        .orElse(path);
  }

  /** The scope a write of this entry needs: its policy's, or the law's. */
  static String scope(Kind kind, String id) {
    return kind == Kind.POLICY ? Scopes.policy(id) : Scopes.LAW;
  }

  static String idField(Kind kind) {
    return kind == Kind.JURISDICTION ? "code" : "id";
  }

  static String idOf(Object entry) {
    if (entry instanceof RuleEntry r) {
      return r.id();
    }
    if (entry instanceof PolicyEntry p) {
      return p.id();
    }
    if (entry instanceof IngredientEntry i) {
      return i.id();
    }
    if (entry instanceof JurisdictionEntry j) {
      return j.code();
    }
    return ((NodeEntry) Objects.requireNonNull(entry)).id();
  }

  private static Object withId(Kind kind, Object entry, String id) {
    if (entry instanceof RuleEntry r) {
      return r.withId(id);
    }
    if (entry instanceof PolicyEntry p) {
      return p.withId(id);
    }
    if (entry instanceof IngredientEntry i) {
      return i.withId(id);
    }
    if (entry instanceof JurisdictionEntry j) {
      return j.withCode(id);
    }
    return ((NodeEntry) entry).withId(id);
  }
}
