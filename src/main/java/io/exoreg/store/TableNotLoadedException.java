package io.exoreg.store;

/** No snapshot of the rule table is loaded yet, so nothing can be answered from it. */
public class TableNotLoadedException extends RuntimeException {
  public TableNotLoadedException() {
    super("The rule table is not loaded yet; retry shortly");
  }
}
