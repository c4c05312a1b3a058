package io.exoreg.watch;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.exoreg.check.CheckReport.CitedRule;
import io.exoreg.check.ImpactReport.Cause;
import io.exoreg.check.ImpactReport.ImpactChange;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a revision, or a day's scheduled change, did to a watch's results: the body of its webhook,
 * and an entry of its events feed.
 */
@Schema(name = "WatchEvent")
public record WatchEvent(
    @Schema(description = "Increases with every event; the events feed's since= takes it") long id,
    @Schema(description = "Always watch.changed", enumeration = "watch.changed") String type,
    @Schema(description = "The watch's id") String watch,
    @Schema(description = "The watch's name") String name,
    @Schema(description = "When the event was written") OffsetDateTime timestamp,
    @Schema(description = "The revision of the table the results are decided on") long revision,
    @Schema(description = "revision: a change of the table; scheduled: a rule's effective date")
        Cause cause,
    @Schema(description = "The day the changes take effect") LocalDate on,
    @Schema(description = "How many product x market results change") int changed,
    @Schema(description = "How many changes make a result fail") int failing,
    List<ImpactChange> changes,
    @Schema(description = "Every rule the changes name, from either side")
        Map<String, CitedRule> rules,
    @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(description = "The watch's policy, on top of the law, if it has one")
        String policy) {
  static final String TYPE = "watch.changed";
}
