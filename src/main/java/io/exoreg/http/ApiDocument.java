package io.exoreg.http;

import io.exoreg.read.HttpCaching;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * What the annotations cannot say of the OpenAPI document, said once for every operation: the
 * answers every request may get whatever its path (a malformed request line, a body over the limit,
 * a database away, a failed authentication), the answers of conditional requests, the security of
 * each operation (none where public), an id per operation, strict schemas (every field the service
 * writes is required, and no other field may appear), and a description per tag.
 */
public class ApiDocument implements OASFilter {
  static final String SECURITY_SCHEME = "apiKey";
  private static final String PROBLEM = "application/problem+json";
  private static final String JSON = "application/json";

  /** Schemas whose required fields their annotations give: bodies clients write, and problems. */
  private static final Set<String> ANNOTATED_REQUIRED =
      Set.of(
          "Catalogue",
          "Product",
          "IngredientSource",
          "KeyRequest",
          "WatchRequest",
          "WebhookRequest",
          "Problem",
          "FieldError",
          "ReceiptClaims",
          "PartClaim");

  /**
   * Fields the service writes only when they hold something: a policy rule's rationale, a bundle's
   * policies, a watch event's policy.
   */
  private static final Map<String, Set<String>> OPTIONAL =
      Map.of(
          "RuleEntry",
          Set.of("rationale"),
          "Bundle",
          Set.of("policies"),
          "WatchEvent",
          Set.of("policy"));

  private static final Map<String, String> TAGS = new LinkedHashMap<>();

  /** The paths of the entries written one at a time, with how a summary names one of them. */
  private static final Map<String, String> ENTRIES =
      Map.of(
          "/api/v1/rules", "a rule",
          "/api/v1/ingredients", "an ingredient",
          "/api/v1/jurisdictions", "a jurisdiction",
          "/api/v1/sources", "a source",
          "/api/v1/delivery-methods", "a delivery method",
          "/api/v1/policies", "a policy");

  static {
    TAGS.put(
        "Decisions",
        "Whether an ingredient from a source, delivered one way, may be sold or used in a"
            + " jurisdiction, with the rules and legal basis the answer rests on");
    TAGS.put("Rules", "The rules of the table, filtered and paged, with their citations");
    TAGS.put(
        "Entries",
        "One entry of the table (a rule, a jurisdiction, an ingredient, a source, a delivery"
            + " method) in the shape PUT takes back, with its ETag");
    TAGS.put(
        "Vocabularies",
        "Jurisdictions, ingredients, sources and delivery methods: the codes questions are asked"
            + " in, with their aliases and trees");
    TAGS.put(
        "Catalogue checks",
        "A whole catalogue checked for CI: 200 when it passes, 422 with the same report when it"
            + " fails, as JSON, JUnit XML, SARIF, text or workflow annotations");
    TAGS.put(
        "Editing",
        "Writes of single entries and of whole bundles, each one revision of the table; replacing"
            + " or deleting needs the entry's ETag in If-Match");
    TAGS.put(
        "Policies",
        "Retailers' and brands' own rules on top of the law, asked for with policy=ID; a key"
            + " scoped policy:ID edits that policy alone");
    TAGS.put("Changes", "The audit trail: every committed change with its before and after");
    TAGS.put("API keys", "Admin keys make and revoke the API keys writes need");
    TAGS.put(
        "Watches",
        "Catalogues kept under a key: an event each time a revision or a rule's effective date"
            + " changes one of their results, delivered to a webhook signed per Standard Webhooks");
  }

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    openAPI.setTags(
        TAGS.entrySet().stream()
            .map(t -> OASFactory.createTag().name(t.getKey()).description(t.getValue()))
            .toList());
    if (openAPI.getComponents() == null) {
      openAPI.setComponents(OASFactory.createComponents());
    }
    openAPI
        .getComponents()
        .addSecurityScheme(
            SECURITY_SCHEME,
            OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP)
                .scheme("bearer")
                .description(
                    "An API key, made by an admin key at POST /api/v1/keys (or configured), sent"
                        + " as Authorization: Bearer <key>"));
    Map<String, Schema> schemas =
        openAPI.getComponents() == null ? Map.of() : openAPI.getComponents().getSchemas();
    if (schemas != null) {
      // the change feed's entries are typed by their kinds, not by the tree that carries them
      openAPI.getComponents().removeSchema("JsonNode");
      openAPI.getComponents().removeSchema("JsonNodeType");
      // its anyOf is written out where a change holds an entry
      openAPI.getComponents().removeSchema("Entry");
      schemas.values().forEach(schema -> normalize(schema, schemas));
      schemas.forEach(ApiDocument::strict);
    }
    if (openAPI.getPaths() == null) {
      return;
    }
    openAPI.getPaths().getPathItems().forEach(ApiDocument::readAsWritten);
    openAPI
        .getPaths()
        .getPathItems()
        .forEach(
            (path, item) ->
                item.getOperations()
                    .forEach((method, operation) -> complete(path, method, operation)));
    ApiExamples.attach(openAPI);
  }

  /**
   * An object schema lists every field it may have, and requires every field the service always
   * writes: all but the read-only ones, which only some reads carry.
   */
  private static void strict(String name, Schema schema) {
    if (schema.getProperties() == null || schema.getProperties().isEmpty()) {
      return;
    }
    schema.setAdditionalPropertiesBoolean(Boolean.FALSE);
    if (!ANNOTATED_REQUIRED.contains(name)) {
      schema.setRequired(
          schema.getProperties().entrySet().stream()
              .filter(p -> !Boolean.TRUE.equals(p.getValue().getReadOnly()))
              .filter(p -> !OPTIONAL.getOrDefault(name, Set.of()).contains(p.getKey()))
              .map(Map.Entry::getKey)
              .toList());
    }
  }

  /**
   * Writes each reference to another schema so that OpenAPI 3.0 validators read it as meant: a
   * plain {@code $ref} where it cannot be null; where it can, the referenced scalar itself made
   * nullable (a date, a time), or for an object, the object or null ({@code nullable} beside a
   * reference would be ignored).
   */
  private static void normalize(Schema schema, Map<String, Schema> components) {
    if (schema == null) {
      return;
    }
    if (schema.getProperties() != null) {
      schema.getProperties().values().forEach(p -> normalize(p, components));
    }
    normalize(schema.getItems(), components);
    normalize(schema.getAdditionalPropertiesSchema(), components);
    if (schema.getRef() != null) {
      schema.setType(null); // a reference's type is the referenced schema's
      return;
    }
    boolean nullable = schema.getType() != null && schema.getType().contains(SchemaType.NULL);
    List<Schema> anyOf = schema.getAnyOf();
    if (anyOf == null) {
      return;
    }
    List<Schema> values = new ArrayList<>(anyOf.stream().filter(s -> !isNull(s)).toList());
    nullable |= values.size() < anyOf.size();
    values.forEach(v -> normalize(v, components));
    schema.setAllOf(null);
    schema.setType(null);
    Schema target = values.size() == 1 ? referenced(values.get(0), components) : null;
    if (nullable && target != null && target.getProperties() == null && target.getType() != null) {
      List<SchemaType> types = new ArrayList<>(target.getType());
      types.add(SchemaType.NULL);
      schema.setAnyOf(null);
      schema.setType(types);
      schema.setFormat(target.getFormat());
      if (target.getEnumeration() != null) {
        List<Object> enumeration = new ArrayList<>(target.getEnumeration());
        enumeration.add(null);
        schema.setEnumeration(enumeration);
      }
      return;
    }
    if (nullable) {
      values.add(nullOnly());
    }
    schema.setAnyOf(values);
  }

  private static boolean isNull(Schema schema) {
    return schema.getRef() == null
        && schema.getType() != null
        && schema.getType().equals(List.of(SchemaType.NULL));
  }

  private static Schema referenced(Schema schema, Map<String, Schema> components) {
    String ref = schema.getRef();
    return ref == null ? null : components.get(ref.substring(ref.lastIndexOf('/') + 1));
  }

  /** The schema of null alone, as OpenAPI 3.0 can say it. */
  private static Schema nullOnly() {
    return OASFactory.createSchema()
        .type(List.of(SchemaType.OBJECT, SchemaType.NULL))
        .enumeration(Arrays.asList((Object) null));
  }

  /**
   * A body that may be JSON or another type lists JSON first: a generated client sends the first
   * type an operation takes, and JSON is the one every entry and bundle is written in.
   */
  private static void jsonFirst(Operation operation) {
    if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
      return;
    }
    Map<String, MediaType> types = operation.getRequestBody().getContent().getMediaTypes();
    if (types == null
        || !types.containsKey(JSON)
        || types.keySet().iterator().next().equals(JSON)) {
      return;
    }
    Content ordered = OASFactory.createContent().addMediaType(JSON, types.get(JSON));
    types.forEach(
        (type, media) -> {
          if (!type.equals(JSON)) {
            ordered.addMediaType(type, media);
          }
        });
    operation.getRequestBody().setContent(ordered);
  }

  private static void complete(String path, PathItem.HttpMethod method, Operation operation) {
    if (operation.getOperationId() == null) {
      operation.setOperationId(operationId(path, method));
    }
    String kind = ENTRIES.get(path.replaceFirst("/\\{id\\}$", ""));
    if (kind != null && operation.getSummary() != null) {
      // the entries of every kind share their annotations; each names its own kind
      String plural = path.substring(path.lastIndexOf('/') + 1).replace('-', ' ');
      operation.setSummary(
          operation
              .getSummary()
              .replaceFirst("^Every one\\b", "Every " + plural.replaceFirst("s$", ""))
              .replaceFirst(" one\\b", " " + kind));
    }
    // writes need a key, as the service checks them: every POST, PUT and DELETE but a check, an
    // impact or the verification of a receipt
    boolean secured =
        (operation.getSecurity() != null && !operation.getSecurity().isEmpty())
            || (method != PathItem.HttpMethod.GET
                && !path.startsWith("/api/v1/checks")
                && !path.startsWith("/api/v1/impact")
                && !path.startsWith("/api/v1/receipts/"));
    if (secured) {
      operation.setSecurity(
          List.of(OASFactory.createSecurityRequirement().addScheme(SECURITY_SCHEME)));
    } else {
      // an empty requirement: anyone may call it, no key needed
      operation.setSecurity(List.of(OASFactory.createSecurityRequirement()));
    }
    jsonFirst(operation);
    APIResponses responses = operation.getResponses();
    sameShapeBack(operation);
    boolean read = method == PathItem.HttpMethod.GET;
    boolean entry =
        ENTRIES.containsKey(path.replaceFirst("/\\{id\\}$", "")) && path.endsWith("{id}");
    if (read && !HttpCaching.isPrivate(path)) {
      add(
          responses,
          "304",
          OASFactory.createAPIResponse()
              .description("Not modified: the answer If-None-Match names is current"));
    }
    if (operation.getRequestBody() != null) {
      problem(
          responses,
          "415",
          "The body's Content-Type is not one this operation reads; the detail names those it does");
    }
    if (secured) {
      problem(responses, "401", "No valid API key in Authorization: Bearer <key>");
      problem(
          responses,
          "403",
          "The key's scopes do not allow this write; the detail names the one it needs");
      problem(
          responses, "429", "Too many failed authentications from this address; see Retry-After");
    }
    if (entry && (method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.DELETE)) {
      problem(responses, "404", "No entry has that id");
      problem(
          responses,
          "412",
          "If-Match names a tag other than the entry's current one: read it again");
      problem(responses, "428", "If-Match is missing: send the ETag of the entry as read");
    }
    if (entry && read) {
      problem(responses, "412", "If-Match names a tag other than the entry's current one");
    }
    problem(
        responses,
        "400",
        "The request is malformed: a parameter unknown, repeated or invalid, or a body that is not"
            + " of the documented shape; errors names each");
    if (path.contains("{")) {
      problem(
          responses,
          "405",
          "A path parameter of '.' or '..' is read, as URIs are, without its dot segments: the"
              + " path it leaves does not take this method");
    }
    APIResponse failed = responses.getAPIResponse("422");
    APIResponse passed = responses.getAPIResponse("200");
    if (failed != null && failed.getContent() == null && passed != null) {
      // a check that fails answers with the same report as one that passes
      failed.setContent(passed.getContent());
    }
    responses
        .getAPIResponses()
        .forEach(
            (code, response) -> {
              if (code.startsWith("4") && response.getContent() == null) {
                problem(responses, code, response.getDescription());
              }
            });
    problem(responses, "406", "The Accept header rules out every type this operation answers in");
    problem(responses, "413", "The request body is larger than the configured limit");
    problem(responses, "414", "The request line is longer than the configured limit");
    problem(responses, "500", "The request could not be completed; the failure is in the log");
    problem(
        responses,
        "503",
        "No rule table is loaded yet, or the database could not be reached for a write; see"
            + " Retry-After");
  }

  /**
   * A write of one entry answers with the entry as stored, in the shape it was sent in; the generic
   * entry resource cannot say so by its return type.
   */
  private static void sameShapeBack(Operation operation) {
    String ref = sentAs(operation);
    if (ref != null && ref.endsWith("Entry")) {
      answersAs(operation, "200", ref);
      answersAs(operation, "201", ref);
    }
  }

  /** A read of one entry answers in the shape a PUT of it takes. */
  private static void readAsWritten(String path, PathItem item) {
    if (item.getGET() != null && item.getPUT() != null) {
      answersAs(item.getGET(), "200", sentAs(item.getPUT()));
    }
  }

  private static String sentAs(Operation operation) {
    if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
      return null;
    }
    var sent = operation.getRequestBody().getContent().getMediaType(JSON);
    return sent == null || sent.getSchema() == null ? null : sent.getSchema().getRef();
  }

  /** The operation's answer with this code carries an entry of this schema. */
  private static void answersAs(Operation operation, String code, String ref) {
    APIResponse answer = operation.getResponses().getAPIResponse(code);
    if (ref == null || answer == null) {
      return;
    }
    var body = answer.getContent() == null ? null : answer.getContent().getMediaType(JSON);
    if (body != null && body.getSchema() != null && body.getSchema().getRef() != null) {
      return;
    }
    answer.setContent(
        OASFactory.createContent()
            .addMediaType(
                JSON, OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ref))));
  }

  private static void add(APIResponses responses, String code, APIResponse response) {
    if (responses.getAPIResponse(code) == null) {
      responses.addAPIResponse(code, response);
    }
  }

  private static void problem(APIResponses responses, String code, String description) {
    APIResponse existing = responses.getAPIResponse(code);
    if (existing != null) {
      Content content = existing.getContent();
      if (content == null || content.getMediaType(PROBLEM) == null) {
        existing.setContent(
            (content == null ? OASFactory.createContent() : content)
                .addMediaType(PROBLEM, problemType()));
      }
      return;
    }
    responses.addAPIResponse(
        code,
        OASFactory.createAPIResponse()
            .description(description)
            .content(OASFactory.createContent().addMediaType(PROBLEM, problemType())));
  }

  private static MediaType problemType() {
    return OASFactory.createMediaType()
        .schema(OASFactory.createSchema().ref("#/components/schemas/Problem"));
  }

  /**
   * An id from the method and the path, for the operations that do not name their own: {@code GET
   * /api/v1/sources/{id}} is {@code getSource}, {@code POST /api/v1/rules} is {@code createRule}.
   */
  static String operationId(String path, PathItem.HttpMethod method) {
    String[] parts = path.replaceFirst("^/api/v1/", "").split("/");
    boolean one = parts.length > 1 && parts[parts.length - 1].startsWith("{");
    String noun = camel(parts[0]);
    String singular = singular(noun);
    return switch (method) {
      case GET -> one ? "get" + singular : "list" + noun;
      case POST -> "create" + singular;
      case PUT -> "replace" + singular;
      case DELETE -> "delete" + singular;
      default -> method.name().toLowerCase(Locale.ROOT) + noun;
    };
  }

  private static String camel(String kebab) {
    StringBuilder out = new StringBuilder();
    for (String word : kebab.split("[^A-Za-z0-9]+")) {
      if (word.isEmpty()) {
        continue;
      }
      out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return out.toString();
  }

  private static String singular(String plural) {
    if (plural.endsWith("ies")) {
      return plural.substring(0, plural.length() - 3) + "y";
    }
    return plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural;
  }
}
