package io.exoreg.check;

import java.time.LocalDate;
import java.util.List;

/**
 * A catalogue resolved to canonical codes: per product and market, the combinations to decide. Both
 * the JSON and the CSV form read into this.
 */
public record CheckInput(List<Product> products, LocalDate at) {

  public record Product(String sku, String name, List<Market> markets) {}

  public record Market(String code, List<Combination> combinations) {}

  public record Combination(String ingredient, String source, String deliveryMethod) {}

  public int decisions() {
    return products.stream()
        .flatMap(p -> p.markets().stream())
        .mapToInt(m -> m.combinations().size())
        .sum();
  }
}
