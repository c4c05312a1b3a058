package io.exoreg.check;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * What made a report, for formats that name their tool: this service's version, and the page where
 * a reader learns what it is.
 */
public record Producer(String version, URI informationUri) {
  /** A version in the form of Semantic Versioning 2.0. */
  static final Pattern SEMANTIC =
      Pattern.compile("\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?");
}
