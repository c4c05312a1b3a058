package io.exoreg.runtime;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import java.time.Duration;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * The bounds of settings, checked as each is read ({@code @WithConverter}): a value out of bounds
 * stops the start, and the configuration names the setting with the message given here. Checked
 * after reading by Bean Validation, the same dozen bounds made every start bootstrap Hibernate
 * Validator, about a tenth of the time to ready, and kept its classes resident.
 */
public final class Bounds {
  private Bounds() {}

  /** A whole number of at least 1. */
  public static final class AtLeastOne implements Converter<Integer> {
    @Override
    public Integer convert(String value) {
      return atLeast(1, value);
    }
  }

  /** A whole number of at least 0. */
  public static final class AtLeastZero implements Converter<Integer> {
    @Override
    public Integer convert(String value) {
      return atLeast(0, value);
    }
  }

  /** A size of at least one byte: 512K, 32M, 1G. */
  public static final class PositiveSize implements Converter<MemorySize> {
    private static final MemorySizeConverter SIZES = new MemorySizeConverter();

    @Override
    public MemorySize convert(String value) {
      return positive(
          SIZES,
          MemorySize::asLongValue,
          value,
          "must be a size of at least 1 byte, such as 512K, 32M or 1G");
    }
  }

  /** A duration of at least a millisecond: 250ms, 5s, 1h. */
  public static final class PositiveDuration implements Converter<Duration> {
    private static final DurationConverter DURATIONS = new DurationConverter();

    @Override
    public Duration convert(String value) {
      return positive(
          DURATIONS,
          Duration::toMillis,
          value,
          "must be a duration of at least 1 millisecond, such as 250ms, 5s or 1h");
    }
  }

  /** The hex SHA-256 of a key's secret: 64 hex digits, as {@code sha256sum} prints it. */
  public static final class Sha256 implements Converter<String> {
    private static final Pattern HEX = Pattern.compile("\\s*[0-9a-fA-F]{64}\\s*");

    @Override
    public String convert(String value) {
      return matching(HEX, value, "must be the hex SHA-256 of the key's secret: 64 hex digits");
    }
  }

  /** A key's scope: law, admin, watch or policy:ID. */
  public static final class Scope implements Converter<String> {
    private static final Pattern SCOPE =
        Pattern.compile(
            "\\s*(law|admin|watch|policy:[A-Za-z0-9]([A-Za-z0-9._-]{0,98}[A-Za-z0-9])?)\\s*");

    @Override
    public String convert(String value) {
      return matching(SCOPE, value, "must be a scope: law, admin, watch or policy:ID");
    }
  }

  private static int atLeast(int least, String value) {
    int number;
    try {
      number = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be a whole number of at least " + least, e);
    }
    if (number < least) {
      throw new IllegalArgumentException("must be at least " + least + ", not " + number);
    }
    return number;
  }

  /** The value {@code parse} reads, when its {@code amount} is at least 1. */
  private static <T> T positive(
      Converter<T> parse, ToLongFunction<T> amount, String value, String message) {
    T parsed = parse.convert(value);
    return within(parsed, parsed == null || amount.applyAsLong(parsed) >= 1, message);
  }

  private static String matching(Pattern pattern, String value, String message) {
    return within(value, pattern.matcher(value).matches(), message);
  }

  /** The value, when within its bounds; else why not, which the configuration names. */
  private static <T> T within(T value, boolean within, String message) {
    if (!within) {
      throw new IllegalArgumentException(message);
    }
    return value;
  }
}
