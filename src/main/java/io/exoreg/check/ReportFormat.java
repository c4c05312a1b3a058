package io.exoreg.check;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The forms a check report can take, each with its media type. */
public enum ReportFormat {
  json("application/json"),
  junit("application/xml"),
  sarif("application/sarif+json"),
  text("text/plain"),
  github("text/plain");

  private final String mediaType;

  ReportFormat(String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }

  public static Optional<ReportFormat> named(String name) {
    for (ReportFormat format : values()) {
      if (format.name().equals(name.strip().toLowerCase(Locale.ROOT))) {
        return Optional.of(format);
      }
    }
    return Optional.empty();
  }

  /**
   * The format an Accept header asks for, in the header's order: SARIF, JUnit XML (any XML), plain
   * text or JSON. Anything else, or no header, means JSON.
   */
  public static ReportFormat accepted(List<String> mediaTypes) {
    for (String type : mediaTypes) {
      String t = type.toLowerCase(Locale.ROOT);
      if (t.startsWith("application/sarif+json")) {
        return sarif;
      }
      if (t.startsWith("application/xml") || t.startsWith("text/xml") || t.contains("junit")) {
        return junit;
      }
      if (t.startsWith("text/plain")) {
        return text;
      }
      if (t.startsWith("application/json")) {
        return json;
      }
    }
    return json;
  }
}
