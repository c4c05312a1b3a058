package io.exoreg.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.exoreg.TestDatabase;
import io.exoreg.decision.DefaultTable;
import io.exoreg.ruleset.Rulesets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The first start imports the default table once; what is stored reads back unchanged. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class TableLoaderTest {
  @Inject TableLoader loader;
  @Inject RulesetStore store;
  @Inject CurrentTable current;

  @Test
  void aRestartDoesNotImportAgain() {
    assertFalse(loader.importDefaultIfEmpty());
    loader.reload();
    assertEquals(1, store.revision());
    assertEquals(1, current.get().orElseThrow().revision());
  }

  @Inject ApiKeyStore keys;

  @Test
  void theFirstStartMadeOneAdminKeyAndMakesNoOther() {
    assertEquals(
        1, keys.list().stream().filter(k -> k.name().equals("admin") && k.admin()).count());
    int count = keys.list().size();
    loader.createFirstAdminKey();
    assertEquals(count, keys.list().size());
  }

  @Test
  void theStoredTableEqualsTheBundledOne() {
    assertEquals(DefaultTable.bundle(), Rulesets.toBundle(store.load()));
  }
}
