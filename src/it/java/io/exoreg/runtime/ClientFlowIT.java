package io.exoreg.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.exoreg.client.ApiClient;
import io.exoreg.client.ApiException;
import io.exoreg.client.ApiResponse;
import io.exoreg.client.api.ApiKeysApi;
import io.exoreg.client.api.CatalogueChecksApi;
import io.exoreg.client.api.DecisionsApi;
import io.exoreg.client.api.EditingApi;
import io.exoreg.client.api.EntriesApi;
import io.exoreg.client.model.Bundle;
import io.exoreg.client.model.Catalogue;
import io.exoreg.client.model.CheckReport;
import io.exoreg.client.model.CreatedKey;
import io.exoreg.client.model.ImportResult;
import io.exoreg.client.model.IngredientSource;
import io.exoreg.client.model.KeyRequest;
import io.exoreg.client.model.Matrix;
import io.exoreg.client.model.PolicyEntry;
import io.exoreg.client.model.Product;
import io.exoreg.client.model.RuleEntry;
import io.exoreg.client.model.Status;
import io.exoreg.client.model.StatusAnswer;
import io.exoreg.store.ApiKeyStore;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client generated from the OpenAPI document at build time, used as an integrator would against
 * the packaged application: a question by alias, a matrix, a check in JSON and in JUnit, a key
 * made, an edit with If-Match and a stale one refused, an export imported back.
 */
class ClientFlowIT {
  private static final String ADMIN_SECRET = "exo_client-flow-admin-secret";
  private static final String RULE = "GB-any-source-injection";

  private Process app;

  @AfterEach
  void stop() throws InterruptedException {
    PackagedAppIT.stop(app);
  }

  private static ApiClient client(int port, String secret) {
    ApiClient client = new ApiClient();
    client.updateBaseUri("http://localhost:" + port);
    if (secret != null) {
      client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + secret));
    }
    return client;
  }

  @Test
  void anIntegratorsWholeFlowWorksThroughTheGeneratedClient() throws Exception {
    Path data = Files.createTempDirectory("exoreg-client-flow");
    int port = EmbeddedDatabase.freePort();
    app =
        PackagedAppIT.start(
            data.resolve("app.log"),
            port,
            Map.of(
                "EXOREG_EMBEDDED_DATA_DIR", data.resolve("postgres").toString(),
                "EXOREG_EMBEDDED_PORT", Integer.toString(EmbeddedDatabase.freePort()),
                "EXOREG_API_KEYS_FLOWADMIN_SHA256",
                    HexFormat.of().formatHex(ApiKeyStore.hash(ADMIN_SECRET)),
                "EXOREG_API_KEYS_FLOWADMIN_ADMIN", "true"));
    ApiClient anyone = client(port, null);

    // a question by alias, answered in canonical codes
    StatusAnswer answer =
        new DecisionsApi(anyone)
            .getStatus(
                DecisionsApi.APIGetStatusRequest.newBuilder()
                    .jurisdiction("UK")
                    .source("salmon")
                    .deliveryMethod("scalp-injection")
                    .build());
    assertEquals("GB", answer.getJurisdiction());
    assertEquals(Status.NOT_APPROVED, answer.getStatus());
    assertTrue(answer.getDecidingRules().stream().anyMatch(r -> r.getId().equals(RULE)));

    // the matrix of the market
    Matrix matrix =
        new DecisionsApi(anyone)
            .getMatrix(DecisionsApi.APIGetMatrixRequest.newBuilder().jurisdiction("GB").build());
    assertEquals(
        matrix.getSources().size() * matrix.getDeliveryMethods().size(), matrix.getCells().size());

    // a check in JSON: 200 when it passes, 422 with the same report when it fails
    Catalogue catalogue =
        new Catalogue()
            .products(
                List.of(
                    new Product()
                        .sku("SERUM-1")
                        .name("Salmon serum")
                        .ingredients(
                            List.of(new IngredientSource().ingredient("exosome").source("salmon")))
                        .deliveryMethods(List.of("scalp-injection"))
                        .markets(List.of("UK"))));
    ApiException failed =
        assertThrows(
            ApiException.class,
            () ->
                new CatalogueChecksApi(anyone)
                    .checkCatalogue(
                        CatalogueChecksApi.APICheckCatalogueRequest.newBuilder()
                            .catalogue(catalogue)
                            .build()));
    assertEquals(422, failed.getCode());
    CheckReport report =
        anyone.getObjectMapper().readValue(failed.getResponseBody(), CheckReport.class);
    assertFalse(report.getPassed());
    assertEquals("GB", report.getResults().get(0).getMarket());

    // the same check as JUnit XML, through the client's own HTTP plumbing
    HttpResponse<String> junit =
        anyone
            .getHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(anyone.getBaseUri() + "/api/v1/checks?format=junit"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            anyone.getObjectMapper().writeValueAsString(catalogue)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(422, junit.statusCode());
    assertTrue(
        junit.headers().firstValue("Content-Type").orElseThrow().startsWith("application/xml"));
    assertTrue(junit.body().contains("<testsuite"), junit.body());

    // a key made by an admin key, its secret shown once
    CreatedKey made =
        new ApiKeysApi(client(port, ADMIN_SECRET))
            .createKey(
                ApiKeysApi.APICreateKeyRequest.newBuilder()
                    .keyRequest(
                        new KeyRequest()
                            .name("flow-" + UUID.randomUUID().toString().substring(0, 8))
                            .scopes(List.of("law")))
                    .build());
    assertNotNull(made.getKey());
    ApiClient editor = client(port, made.getKey());

    // read a rule, edit it, write it back with its ETag
    ApiResponse<RuleEntry> read =
        new EntriesApi(anyone)
            .getRuleWithHttpInfo(EntriesApi.APIGetRuleRequest.newBuilder().id(RULE).build());
    String etag = read.getHeaders().get("ETag").get(0);
    RuleEntry rule = read.getData();
    rule.setNotes("Edited through the generated client");
    ApiResponse<RuleEntry> written =
        new EditingApi(editor).replaceRuleWithHttpInfo(replace(rule, etag));
    assertEquals(200, written.getStatusCode());
    assertEquals("Edited through the generated client", written.getData().getNotes());
    assertNotEquals(etag, written.getHeaders().get("ETag").get(0));

    // the same edit with the ETag it read before is stale
    ApiException stale =
        assertThrows(
            ApiException.class, () -> new EditingApi(editor).replaceRule(replace(rule, etag)));
    assertEquals(412, stale.getCode());

    // a policy written through the client, and a question asked with it
    ApiClient admin = client(port, ADMIN_SECRET);
    new EditingApi(admin)
        .createPolicy(
            EditingApi.APICreatePolicyRequest.newBuilder()
                .policyEntry(
                    new PolicyEntry()
                        .id("flow-vegan")
                        .name("Flow vegan standard")
                        .rules(
                            List.of(
                                new RuleEntry()
                                    .id("flow-vegan-animal")
                                    .ingredient("exosome")
                                    .source("animal")
                                    .deliveryMethod("any-route")
                                    .status(Status.PROHIBITED)
                                    .rationale("Nothing animal-derived")
                                    .confidence(RuleEntry.ConfidenceEnum.HIGH))))
                .build());
    StatusAnswer withPolicy =
        new DecisionsApi(anyone)
            .getStatus(
                DecisionsApi.APIGetStatusRequest.newBuilder()
                    .jurisdiction("GB")
                    .source("salmon")
                    .deliveryMethod("topical")
                    .policy("flow-vegan")
                    .build());
    assertEquals(Status.PROHIBITED, withPolicy.getStatus());
    assertEquals(Status.PERMITTED, withPolicy.getLaw().getStatus());
    assertEquals("flow-vegan", withPolicy.getPolicy().getId());

    // the export imported back changes nothing
    Bundle exported =
        new EditingApi(anyone)
            .exportRuleset(EditingApi.APIExportRulesetRequest.newBuilder().build());
    ImportResult imported =
        new EditingApi(editor)
            .importRuleset(
                EditingApi.APIImportRulesetRequest.newBuilder()
                    .bundle(exported)
                    .mode("replace")
                    .build());
    assertFalse(imported.getApplied());
    assertEquals(Integer.valueOf(0), imported.getChanges());
  }

  private static EditingApi.APIReplaceRuleRequest replace(RuleEntry rule, String etag) {
    return EditingApi.APIReplaceRuleRequest.newBuilder()
        .id(RULE)
        .ruleEntry(rule)
        .ifMatch(etag)
        .build();
  }
}
