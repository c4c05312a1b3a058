package io.exoreg.watch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.exoreg.check.Catalogue;
import io.exoreg.check.CatalogueChecker;
import io.exoreg.check.CheckInput;
import io.exoreg.check.CheckReport;
import io.exoreg.decision.Policy;
import io.exoreg.decision.RuleTable;
import io.exoreg.decision.Status;
import io.exoreg.edit.Caller;
import io.exoreg.problem.Inputs;
import io.exoreg.problem.Problem;
import io.exoreg.problem.Problem.FieldError;
import io.exoreg.problem.ProblemException;
import io.exoreg.ruleset.Rulesets;
import io.exoreg.runtime.ExoregConfig;
import io.exoreg.store.CurrentTable;
import io.exoreg.store.WatchStore;
import io.exoreg.store.WatchStore.StoredEvent;
import io.exoreg.store.WatchStore.StoredWatch;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Watches (section 4.6 of the specification): a catalogue kept under the key that made it, which
 * alone sees, changes and deletes it. Any valid key may keep watches; one with the scope {@code
 * watch} may do nothing else.
 */
@Path("/api/v1/watches")
@Authenticated
@Tag(name = "Watches")
@SecurityRequirement(name = "apiKey")
@Produces(MediaType.APPLICATION_JSON)
public class WatchResource {
  /** How long a rotated secret goes on signing beside its successor. */
  static final Duration PREVIOUS_SECRET_FOR = Duration.ofHours(24);

  private static final int MAX_NAME = 200;
  private static final int MAX_PAGE = 1000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final WatchStore store;
  private final WatchEvents events;
  private final CurrentTable current;
  private final ExoregConfig config;
  private final ObjectMapper json;
  private final Clock clock;

  public WatchResource(
      WatchStore store,
      WatchEvents events,
      CurrentTable current,
      ExoregConfig config,
      ObjectMapper json,
      Clock clock) {
    this.store = store;
    this.events = events;
    this.current = current;
    this.config = config;
    this.json = json;
    this.clock = clock;
  }

  /** What to watch, and where to tell of it. */
  public record WatchRequest(
      @Schema(required = true, description = "What the owner calls it; 1 to 200 characters")
          String name,
      @Schema(
              required = true,
              implementation = Catalogue.class,
              description = "A catalogue as POST /api/v1/checks takes it, without at")
          JsonNode catalogue,
      @Schema(description = "A policy's id, on top of the law") String policy,
      @Schema(
              implementation = Status.class,
              description = "A result at or above this status fails; UNKNOWN when omitted")
          String failOn,
      @Schema(
              implementation = Status.class,
              description = "A result at or above this status warns; RESTRICTED when omitted")
          String warnOn,
      @Schema(description = "Where to deliver the events; without it, they are only listed")
          WebhookRequest webhook) {}

  /** Where a watch's events are posted. */
  public record WebhookRequest(
      @Schema(required = true, description = "An https URL whose host resolves to public addresses")
          String url) {}

  /** A watch's webhook: its URL, and its signing secret in the answers that make one. */
  public record Webhook(
      String url,
      @JsonInclude(JsonInclude.Include.NON_NULL)
          @Schema(
              readOnly = true,
              description =
                  "whsec_ and the base64 of the HMAC key, in the answer that makes it and never"
                      + " again")
          String secret) {}

  /** A watch as its owner sees it. */
  public record WatchInfo(
      String id,
      String name,
      @Schema(nullable = true) String policy,
      Status failOn,
      Status warnOn,
      @Schema(nullable = true) Webhook webhook,
      OffsetDateTime createdAt,
      @Schema(description = "Products in its catalogue") int products,
      @JsonInclude(JsonInclude.Include.NON_NULL)
          @Schema(readOnly = true, description = "GET /api/v1/watches/{id} only: its check today")
          CheckReport check) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      operationId = "createWatch",
      summary = "Watch a catalogue",
      description =
          "Keeps the catalogue under the calling key. Each committed revision, and each day a rule"
              + " comes into or goes out of force, that changes one of its results makes an"
              + " event; with a webhook, each event is posted to it, signed with the secret this"
              + " answer shows once.")
  @RequestBody(content = @Content(schema = @Schema(implementation = WatchRequest.class)))
  @APIResponse(
      responseCode = "201",
      description = "The watch; the webhook's secret is shown this once",
      content = @Content(schema = @Schema(implementation = WatchInfo.class)))
  @APIResponse(
      responseCode = "400",
      description = "A field is missing or wrong; errors names each",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "409",
      description = "The key keeps as many watches as exoreg.watches.max-per-key allows",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response create(
      InputStream body, @Context ContainerRequestContext context, @Context UriInfo uri) {
    Caller caller = Caller.of(context);
    WatchRequest request = Rulesets.parseEntry(body, WatchRequest.class);
    RuleTable table = current.require();
    Inputs inputs = new Inputs(table);
    String name = request.name() == null ? "" : request.name().strip();
    if (name.isEmpty() || name.length() > MAX_NAME) {
      inputs.fail("name", "is required: 1 to " + MAX_NAME + " characters");
    }
    Status failOn = inputs.status("failOn", request.failOn(), Status.UNKNOWN);
    Status warnOn = inputs.status("warnOn", request.warnOn(), Status.RESTRICTED);
    Policy policy = inputs.policy("policy", request.policy());
    String url = request.webhook() == null ? null : request.webhook().url();
    if (request.webhook() != null) {
      if (url == null || url.isBlank()) {
        inputs.fail("webhook.url", "is required with a webhook: an https URL");
      } else {
        WebhookAddresses.refusal(url, config.webhooks().allowPrivateAddresses())
            .ifPresent(why -> inputs.fail("webhook.url", why));
      }
    }
    String catalogue = catalogue(request.catalogue(), table, inputs);
    inputs.check();
    if (store.count(caller.name()) >= config.watches().maxPerKey()) {
      throw new ProblemException(
          409,
          "This key keeps "
              + config.watches().maxPerKey()
              + " watches, the most exoreg.watches.max-per-key allows; delete one first",
          null);
    }
    String secret = url == null ? null : WebhookSignature.newSecret();
    StoredWatch made =
        store.create(
            new StoredWatch(
                newId(),
                caller.name(),
                name,
                catalogue,
                policy == null ? null : policy.id(),
                failOn.name(),
                warnOn.name(),
                url,
                null),
            secret);
    // the secret must not outlive this answer in any cache between here and the client
    return Response.status(201)
        .location(uri.getAbsolutePathBuilder().path(made.id()).build())
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .entity(info(made, secret, null))
        .build();
  }

  /** The catalogue as it is kept, once it reads against the table; errors name its fields. */
  private String catalogue(JsonNode catalogue, RuleTable table, Inputs inputs) {
    if (catalogue == null || !catalogue.isObject()) {
      inputs.fail(
          "catalogue", "is required: an object with products, as POST /api/v1/checks takes");
      return null;
    }
    if (catalogue.has("at")) {
      inputs.fail("catalogue.at", "a watch decides for each day as it comes; remove at");
      return null;
    }
    String text;
    try {
      text = json.writeValueAsString(catalogue);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    try {
      events.read(storedWith(text), table, LocalDate.now(clock));
    } catch (ProblemException e) {
      Problem problem = e.problem();
      if (problem.status() != 400 || problem.errors() == null) {
        throw e;
      }
      for (FieldError error : problem.errors()) {
        inputs.fail(
            error.field().isEmpty() ? "catalogue" : "catalogue." + error.field(), error.message());
      }
    }
    return text;
  }

  private static StoredWatch storedWith(String catalogue) {
    return new StoredWatch(null, null, null, catalogue, null, null, null, null, null);
  }

  @GET
  @Operation(operationId = "listWatches", summary = "The watches the calling key keeps")
  @APIResponse(
      responseCode = "200",
      description = "Its watches, oldest first",
      content = @Content(schema = @Schema(implementation = WatchInfo[].class)))
  public Response list(@Context ContainerRequestContext context) {
    RuleTable table = current.require();
    List<WatchInfo> watches = new ArrayList<>();
    for (StoredWatch watch : store.list(Caller.of(context).name())) {
      watches.add(info(watch, null, null));
    }
    return privately(watches);
  }

  @GET
  @Path("/{id}")
  @Operation(operationId = "getWatch", summary = "A watch, with its catalogue's check today")
  @APIResponse(
      responseCode = "200",
      description = "The watch and its check",
      content = @Content(schema = @Schema(implementation = WatchInfo.class)))
  @APIResponse(
      responseCode = "404",
      description = "The key keeps no watch of that id",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response get(@PathParam("id") String id, @Context ContainerRequestContext context) {
    StoredWatch watch = owned(id, context);
    RuleTable table = current.require();
    LocalDate today = LocalDate.now(clock);
    CheckInput input = events.input(watch, table, table, today);
    CheckReport check =
        input == null
            ? null
            : CatalogueChecker.check(
                table,
                input,
                Status.valueOf(watch.failOn()),
                Status.valueOf(watch.warnOn()),
                watch.policy() == null ? null : table.policy(watch.policy()).orElse(null));
    return privately(info(watch, null, check));
  }

  @DELETE
  @Path("/{id}")
  @Operation(
      operationId = "deleteWatch",
      summary = "Stop watching: the watch goes, with its events and undelivered webhooks")
  @APIResponse(responseCode = "204", description = "Deleted")
  @APIResponse(
      responseCode = "404",
      description = "The key keeps no watch of that id",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response delete(@PathParam("id") String id, @Context ContainerRequestContext context) {
    if (!store.delete(Caller.of(context).name(), id)) {
      throw notFound(id);
    }
    return Response.noContent().build();
  }

  /** A page of a watch's events, oldest first. */
  public record EventPage(
      String watch,
      @Schema(description = "Pass it back as since= for the events after these") long next,
      List<WatchEvent> events) {}

  @GET
  @Path("/{id}/events")
  @Operation(
      operationId = "watchEvents",
      summary = "A watch's events after since, oldest first",
      description =
          "Each is the body its webhook delivers (or would, without one): every committed"
              + " revision, and every day a rule comes into or goes out of force, that changed"
              + " one of the watch's results.")
  @APIResponse(
      responseCode = "200",
      description = "The events",
      content = @Content(schema = @Schema(implementation = EventPage.class)))
  @APIResponse(
      responseCode = "400",
      description = "since or limit is not a whole number in range",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "The key keeps no watch of that id",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response events(
      @PathParam("id") String id,
      @Parameter(description = "The id of the last event seen; 0 (the default) for all")
          @QueryParam("since")
          String since,
      @Parameter(description = "At most this many, 1 to 1000; 100 by default") @QueryParam("limit")
          String limit,
      @Context ContainerRequestContext context) {
    Inputs inputs = new Inputs(current.require());
    long after = inputs.integer("since", since, 0, 0, Integer.MAX_VALUE);
    int size = inputs.integer("limit", limit, 100, 1, MAX_PAGE);
    inputs.check();
    StoredWatch watch = owned(id, context);
    List<StoredEvent> found = store.events(watch.id(), after, size);
    // each event is sent as it is stored: the very bytes its webhook delivers
    StringBuilder page = new StringBuilder("{\"watch\":");
    try {
      page.append(json.writeValueAsString(watch.id()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    page.append(",\"next\":")
        .append(found.isEmpty() ? after : found.get(found.size() - 1).id())
        .append(",\"events\":[");
    for (int i = 0; i < found.size(); i++) {
      page.append(i == 0 ? "" : ",").append(found.get(i).body());
    }
    page.append("]}");
    return privately(page.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** One attempt to deliver an event. */
  public record Delivery(
      @Schema(description = "The event's id") long event,
      @Schema(description = "The webhook-id header it was sent with") String webhookId,
      @Schema(description = "1 for the first attempt at this event") int attempt,
      OffsetDateTime at,
      @Schema(nullable = true, description = "The receiver's status code; null with no answer")
          Integer statusCode,
      int durationMs,
      @Schema(nullable = true, description = "Why the attempt failed; null when it succeeded")
          String error) {}

  /** A watch's delivery attempts, newest first, and how many events wait. */
  public record DeliveryPage(String watch, List<Delivery> deliveries) {}

  @GET
  @Path("/{id}/deliveries")
  @Operation(
      operationId = "watchDeliveries",
      summary = "Every attempt to deliver a watch's events to its webhook, newest first")
  @APIResponse(
      responseCode = "200",
      description = "The attempts",
      content = @Content(schema = @Schema(implementation = DeliveryPage.class)))
  @APIResponse(
      responseCode = "400",
      description = "limit is not a whole number in range",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "The key keeps no watch of that id",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response deliveries(
      @PathParam("id") String id,
      @Parameter(description = "At most this many, 1 to 1000; 100 by default") @QueryParam("limit")
          String limit,
      @Context ContainerRequestContext context) {
    Inputs inputs = new Inputs(current.require());
    int size = inputs.integer("limit", limit, 100, 1, MAX_PAGE);
    inputs.check();
    StoredWatch watch = owned(id, context);
    List<Delivery> deliveries =
        store.attempts(watch.id(), size).stream()
            .map(
                a ->
                    new Delivery(
                        a.event(),
                        WebhookSender.messageId(a.event()),
                        a.attempt(),
                        a.at(),
                        a.statusCode(),
                        a.durationMs(),
                        a.error()))
            .toList();
    return privately(new DeliveryPage(watch.id(), deliveries));
  }

  @POST
  @Path("/{id}/secret")
  @Operation(
      operationId = "rotateWatchSecret",
      summary = "Give the webhook a new signing secret",
      description =
          "The new secret is shown this once. For 24 hours the previous one signs beside it (a"
              + " second v1 signature in webhook-signature), so receivers can switch without"
              + " losing an event.")
  @APIResponse(
      responseCode = "200",
      description = "The watch, with its webhook's new secret",
      content = @Content(schema = @Schema(implementation = WatchInfo.class)))
  @APIResponse(
      responseCode = "409",
      description = "The watch has no webhook",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  @APIResponse(
      responseCode = "404",
      description = "The key keeps no watch of that id",
      content =
          @Content(
              mediaType = Problem.MEDIA_TYPE,
              schema = @Schema(implementation = Problem.class)))
  public Response rotateSecret(
      @PathParam("id") String id, @Context ContainerRequestContext context) {
    StoredWatch watch = owned(id, context);
    if (watch.webhookUrl() == null) {
      throw new ProblemException(409, "Watch " + id + " has no webhook to sign for", null);
    }
    String secret = WebhookSignature.newSecret();
    StoredWatch rotated =
        store
            .rotateSecret(
                watch.owner(), id, secret, OffsetDateTime.now(clock).plus(PREVIOUS_SECRET_FOR))
            .orElseThrow(() -> notFound(id));
    return Response.ok(info(rotated, secret, null))
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .build();
  }

  private StoredWatch owned(String id, ContainerRequestContext context) {
    return store.find(Caller.of(context).name(), id).orElseThrow(() -> notFound(id));
  }

  private static ProblemException notFound(String id) {
    return ProblemException.notFound(
        "This key keeps no watch " + Inputs.quote(id) + "; GET /api/v1/watches lists its own");
  }

  private static Response privately(Object entity) {
    return Response.ok(entity).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
  }

  private WatchInfo info(StoredWatch watch, String secret, CheckReport check) {
    int products;
    try {
      JsonNode list = json.readTree(watch.catalogue()).get("products");
      products = list == null ? 0 : list.size();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return new WatchInfo(
        watch.id(),
        watch.name(),
        watch.policy(),
        Status.valueOf(watch.failOn()),
        Status.valueOf(watch.warnOn()),
        watch.webhookUrl() == null ? null : new Webhook(watch.webhookUrl(), secret),
        watch.createdAt(),
        products,
        check);
  }

  private static String newId() {
    byte[] bytes = new byte[10];
    RANDOM.nextBytes(bytes);
    return "w_" + HexFormat.of().formatHex(bytes);
  }
}
