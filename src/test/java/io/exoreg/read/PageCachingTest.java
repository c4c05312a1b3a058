package io.exoreg.read;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
    List<String> shipped;
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/META-INF/resources"))) {
      shipped = files.map(f -> f.getFileName().toString()).sorted().toList();
    }
    assertEquals(
        shipped, PageCaching.FILES.values().stream().distinct().sorted().toList(), "new file?");
  }
}
