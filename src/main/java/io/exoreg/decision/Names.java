package io.exoreg.decision;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a name a person types meets an id, an alias or a label: without regard to case, accents,
 * punctuation, spacing or a leading "the" ({@code The Netherlands}, {@code türkiye}, {@code
 * united-kingdom}); and, when nothing matches, which known names are closest.
 */
public final class Names {
  /** Letters that carry no combining mark to strip, spelled as a person without them would. */
  private static final Map<Character, String> SPELLED =
      Map.of('ß', "ss", 'æ', "ae", 'œ', "oe", 'ø', "o", 'ł', "l", 'đ', "d", 'ı', "i", 'þ', "th");

  private Names() {}

  /**
   * The form in which two spellings of one name are equal: lower case, no accents, only letters and
   * digits, no leading "the". Empty when the text has no letter or digit.
   */
  public static String key(String text) {
    if (text == null) {
      return "";
    }
    String folded = ascii(text) ? text : fold(text);
    StringBuilder key = new StringBuilder(folded.length());
    int firstWordEnd = -1;
    boolean inWord = false;
    for (int i = 0; i < folded.length(); i++) {
      char c = folded.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        key.append(Character.toLowerCase(c));
        inWord = true;
      } else if (inWord) {
        inWord = false;
        if (firstWordEnd < 0) {
          firstWordEnd = key.length();
        }
      }
    }
    // "the" alone stays a name; "The Netherlands" is "netherlands"
    if (firstWordEnd == 3 && key.length() > 3 && key.indexOf("the") == 0) {
      key.delete(0, 3);
    }
    return key.toString();
  }

  private static boolean ascii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static String fold(String text) {
    String decomposed = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFKD);
    StringBuilder plain = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); i++) {
      char c = decomposed.charAt(i);
      if (Character.getType(c) == Character.NON_SPACING_MARK) {
        continue;
      }
      String spelled = SPELLED.get(c);
      if (spelled != null) {
        plain.append(spelled);
      } else {
        plain.append(c);
      }
    }
    // Hangul and kana compose again, so that they compare as typed
    return Normalizer.normalize(plain, Normalizer.Form.NFC);
  }

  /**
   * The candidates closest to {@code input} by edit distance on their keys (a swap of two letters
   * counts once), best first, at most {@code limit}; only those close enough to be a slip of the
   * keyboard.
   */
  public static List<String> closest(String input, Collection<String> candidates, int limit) {
    String typed = key(input);
    if (typed.isEmpty()) {
      return List.of();
    }
    record Scored(String candidate, int distance) {}
    List<Scored> scored = new ArrayList<>();
    for (String candidate : candidates) {
      String known = key(candidate);
      if (known.isEmpty()) {
        continue;
      }
      // a name begun and not finished ("united") is as close as a slip
      int distance = typed.length() >= 4 && known.startsWith(typed) ? 1 : distance(typed, known);
      if (distance <= tolerance(Math.min(typed.length(), known.length()))) {
        scored.add(new Scored(candidate, distance));
      }
    }
    scored.sort(Comparator.comparingInt(Scored::distance));
    return scored.stream().map(Scored::candidate).distinct().limit(limit).toList();
  }

  /** The one closest candidate, or null when none is close. */
  public static String closest(String input, Collection<String> candidates) {
    List<String> found = closest(input, candidates, 1);
    return found.isEmpty() ? null : found.get(0);
  }

  /** How many edits a name of this length may carry and still be suggested. */
  private static int tolerance(int length) {
    return length <= 2 ? 1 : Math.max(2, length / 3);
  }

  /** Edit distance with adjacent transpositions (optimal string alignment). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
