package io.exoreg.check;

import java.util.List;

/**
 * A product catalogue as posted in JSON: each product is checked for every (ingredient, source) x
 * delivery method in every market it lists.
 */
public record Catalogue(List<Product> products, String at) {

  public record Product(
      String sku,
      String name,
      List<IngredientSource> ingredients,
      List<String> deliveryMethods,
      List<String> markets) {}

  public record IngredientSource(String ingredient, String source) {}
}
