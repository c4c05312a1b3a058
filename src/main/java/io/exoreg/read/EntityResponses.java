package io.exoreg.read;

import io.exoreg.decision.RuleTable;
import io.exoreg.problem.ProblemException;
import io.exoreg.ruleset.BundleEdits.Kind;
import io.exoreg.ruleset.EntityTags;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Answers for one entry of the table, tagged with the entry's own strong ETag: the tag a PUT or
 * DELETE sends back in If-Match, and a 304 for If-None-Match while the entry is unchanged.
 */
final class EntityResponses {
  private EntityResponses() {}

  static <T> RestResponse<T> tagged(
      Request request, RuleTable table, Kind kind, String id, Supplier<T> body) {
    EntityTag tag = new EntityTag(EntityTags.of(table, kind, id).orElseThrow());
    Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
    if (notModified != null) {
      int status = notModified.build().getStatus();
      if (status == 412) {
        throw new ProblemException(
            412, "If-Match names a tag other than the entry's current " + tag, null);
      }
      return RestResponse.ResponseBuilder.<T>create(RestResponse.Status.fromStatusCode(status))
          .tag(tag)
          .build();
    }
    return RestResponse.ResponseBuilder.ok(body.get()).tag(tag).build();
  }
}
