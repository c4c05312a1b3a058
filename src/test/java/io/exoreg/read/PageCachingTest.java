package io.exoreg.read;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.exoreg.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The page's files are revalidated by every browser on every load, never kept a day unasked. */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class PageCachingTest {

  @Test
  void everyFileOfThePageIsServedNoCacheWithAnEtagAndAnswers304WhileUnchanged() {
    Set<String> tags = new HashSet<>();
    for (String path : PageCaching.FILES.keySet()) {
      String etag =
          given()
              .get(path)
              .then()
              .statusCode(200)
              .header("Cache-Control", "no-cache")
              .header("ETag", notNullValue())
              .body(not(emptyString()))
              .extract()
              .header("ETag");
      tags.add(etag);
      given()
          .header("If-None-Match", etag)
          .get(path)
          .then()
          .statusCode(304)
          .header("ETag", etag)
          .header("Cache-Control", "no-cache");
      given()
          .header("If-None-Match", "\"an-older-release\"")
          .get(path)
          .then()
          .statusCode(200)
          .header("Cache-Control", "no-cache");
      given().head(path).then().statusCode(200).header("ETag", etag);
    }
    // / and /index.html are one file; the others differ
    assertEquals(PageCaching.FILES.size() - 1, tags.size(), tags.toString());
    assertNotEquals(given().get("/app.js").header("ETag"), given().get("/app.css").header("ETag"));
  }

  @Test
  void everyFileThePageShipsIsCovered() throws IOException {
    Path resources = Path.of("src/main/resources/META-INF/resources");
    List<String> shipped;
    try (Stream<Path> files = Files.list(resources)) {
      shipped =
          files
              .map(f -> f.getFileName().toString())
              .filter(name -> !name.equals("vendor"))
              .sorted()
              .toList();
    }
    assertEquals(
        shipped, PageCaching.FILES.values().stream().distinct().sorted().toList(), "new file?");
  }

  /**
   * Vendored files are named by their version, so a new version is a new name: they need no ETag,
   * and are never sent as immutable either.
   */
  @Test
  void vendoredFilesAreNamedByTheirVersion() throws IOException {
    Path vendor = Path.of("src/main/resources/META-INF/resources/vendor");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(vendor)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path file : files) {
      Path relative = vendor.relativize(file);
      if (relative.getNameCount() == 1) {
        continue; // the folder's own README and checksums, which the page does not load
      }
      assertTrue(
          relative.getName(0).toString().matches("[a-z0-9-]+@\\d+\\.\\d+\\.\\d+"),
          relative + " is not under a versioned folder");
    }
    String script = "/vendor/d3-geo@3.1.1/d3-geo.min.js";
    String cacheControl =
        given().get(script).then().statusCode(200).extract().header("Cache-Control");
    assertTrue(cacheControl == null || !cacheControl.contains("immutable"), cacheControl);
  }
}
