package io.exoreg.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * An {@code Accept} header as RFC 9110 (section 12.5.1) reads it: media ranges with their weights,
 * where the most specific range that covers a type gives that type's weight, and weight 0 means
 * "not acceptable". The one reading of the header, for the event-loop route and the resources.
 */
public final class Accept {
  /** No header, or one that names nothing: every type is acceptable. */
  private static final Accept ANYTHING = new Accept(List.of(new Range("*", "*", 1000)));

  private final List<Range> ranges;

  private Accept(List<Range> ranges) {
    this.ranges = ranges;
  }

  /** A media range with its weight in thousandths, as the header gives it (three decimals). */
  private record Range(String type, String subtype, int weight) {
    /** 2 for type/subtype, 1 for type/*, 0 for *&#47;*, -1 when it does not cover the type. */
    int specificity(String t, String s) {
      if (type.equals("*")) {
        return 0;
      }
      if (!type.equals(t)) {
        return -1;
      }
      return subtype.equals("*") ? 1 : subtype.equals(s) ? 2 : -1;
    }
  }

  /** The header's values, as given (null or none: anything is acceptable). */
  public static Accept of(List<String> headers) {
    return headers == null || headers.isEmpty() ? ANYTHING : of(String.join(",", headers));
  }

  /** The header's value, as given (null or blank: anything is acceptable). */
  public static Accept of(String header) {
    if (header == null || header.isBlank()) {
      return ANYTHING;
    }
    List<Range> ranges = new ArrayList<>();
    for (String element : header.split(",")) {
      Range range = range(element);
      if (range != null) {
        ranges.add(range);
      }
    }
    return ranges.isEmpty() ? ANYTHING : new Accept(ranges);
  }

  private static Range range(String element) {
    String[] parts = element.split(";");
    String name = parts[0].strip().toLowerCase(Locale.ROOT);
    int slash = name.indexOf('/');
    if (slash <= 0 || slash == name.length() - 1) {
      return null; // not a media range; ignored, as a header a client got wrong
    }
    int weight = 1000;
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].strip();
      if (parameter.length() > 2 && parameter.regionMatches(true, 0, "q=", 0, 2)) {
        weight = thousandths(parameter.substring(2).strip());
      }
    }
    return new Range(name.substring(0, slash), name.substring(slash + 1), weight);
  }

  /** A qvalue in thousandths; one out of range or malformed counts as 1, the default. */
  private static int thousandths(String qvalue) {
    try {
      double q = Double.parseDouble(qvalue);
      return q >= 0 && q <= 1 ? (int) Math.round(q * 1000) : 1000;
    } catch (NumberFormatException e) {
      return 1000;
    }
  }

  /** The weight of {@code mediaType} ({@code type/subtype}) in thousandths: 0 when unacceptable. */
  public int weight(String mediaType) {
    String lower = mediaType.toLowerCase(Locale.ROOT);
    int semicolon = lower.indexOf(';');
    String bare = semicolon < 0 ? lower : lower.substring(0, semicolon).strip();
    int slash = bare.indexOf('/');
    String type = slash < 0 ? bare : bare.substring(0, slash);
    String subtype = slash < 0 ? "" : bare.substring(slash + 1);
    int best = -1;
    int weight = 0;
    for (Range range : ranges) {
      int specificity = range.specificity(type, subtype);
      if (specificity > best) {
        best = specificity;
        weight = range.weight();
      }
    }
    return weight;
  }

  public boolean accepts(String mediaType) {
    return weight(mediaType) > 0;
  }

  /**
   * The media ranges the client accepts, most wanted first (in the header's order among equals), as
   * {@code type/subtype}; none given means {@code *&#47;*}.
   */
  public List<String> wanted() {
    return ranges.stream()
        .filter(range -> range.weight() > 0)
        .sorted(Comparator.comparingInt(Range::weight).reversed())
        .map(range -> range.type() + "/" + range.subtype())
        .toList();
  }
}
