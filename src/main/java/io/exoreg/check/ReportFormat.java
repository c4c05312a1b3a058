package io.exoreg.check;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The forms a check report can take, each with its media type. Each is written straight to the
 * response as it is produced: a large catalogue's report is tens of megabytes and is never held
 * whole in memory.
 */
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

  /** Writes the report to {@code out} in this format, as UTF-8, and flushes it. */
  public void write(CheckReport report, Producer producer, OutputStream out, ObjectMapper mapper)
      throws IOException {
    switch (this) {
      case json ->
          mapper.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, report);
      case sarif -> SarifReport.write(report, producer, out, mapper);
      case junit -> text(out, writer -> JunitReport.write(report, writer));
      case text -> text(out, writer -> TextReport.write(report, writer));
      case github -> text(out, writer -> GithubReport.write(report, writer));
    }
  }

  private interface TextWriting {
    void to(Writer writer) throws IOException;
  }

  /** A text format through a buffered UTF-8 writer, flushed at the end. */
  private static void text(OutputStream out, TextWriting writing) throws IOException {
    Writer writer =
        new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    writing.to(writer);
    writer.flush();
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
