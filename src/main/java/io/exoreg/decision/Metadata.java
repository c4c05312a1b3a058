package io.exoreg.decision;

import java.util.Map;

/** What a table says about itself: its title, publication date, disclaimer and status meanings. */
public record Metadata(
    String title, String publishedOn, String disclaimer, Map<Status, String> statuses) {
  public Metadata {
    statuses = Map.copyOf(statuses);
  }
}
