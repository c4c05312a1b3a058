package io.exoreg.store;

import static io.exoreg.ruleset.Rulesets.JSON;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.exoreg.ruleset.Bundle.PolicyEntry;
import io.exoreg.ruleset.Bundle.RuleEntry;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.List;

/** A policy, its rules held as the JSON of their bundle entries. */
@Entity
@Table(name = "policy")
class PolicyRow extends EntryRow<PolicyEntry> {
  private static final TypeReference<List<RuleEntry>> RULES = new TypeReference<>() {};

  @Id public String id;
  public String name;
  public String description;
  public String rules;

  @Override
  void write(PolicyEntry e) {
    id = e.id();
    name = e.name();
    description = e.description();
    try {
      rules = JSON.writeValueAsString(e.rules() == null ? List.of() : e.rules());
    } catch (JsonProcessingException failure) {
      throw new IllegalStateException("A policy's rules could not be written", failure);
    }
  }

  @Override
  PolicyEntry entry() {
    try {
      return new PolicyEntry(id, name, description, JSON.readValue(rules, RULES));
    } catch (JsonProcessingException failure) {
      throw new IllegalStateException("The rules of policy " + id + " could not be read", failure);
    }
  }
}
