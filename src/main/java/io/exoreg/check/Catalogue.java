package io.exoreg.check;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A product catalogue as posted in JSON: each product is checked for every (ingredient, source) x
 * delivery method in every market it lists.
 */
public record Catalogue(
    @Schema(required = true) List<Product> products,
    @Schema(
            format = "date",
            description = "The day to decide for; the at parameter wins, today (UTC) when neither")
        String at) {

  public record Product(
      @Schema(required = true) String sku,
      String name,
      @Schema(required = true) List<IngredientSource> ingredients,
      @Schema(required = true) List<String> deliveryMethods,
      @Schema(required = true, description = "Jurisdiction codes or aliases")
          List<String> markets) {}

  public record IngredientSource(
      @Schema(description = "The configured default ingredient when omitted") String ingredient,
      @Schema(required = true) String source) {}
}
