/**
 * The decision core: an immutable snapshot of the rule table ({@link io.exoreg.decision.RuleTable})
 * and the semantics that answer a question against it ({@link io.exoreg.decision.Decider}). Plain
 * Java with no framework, persistence or HTTP types; it depends on nothing else in exoreg.
 */
package io.exoreg.decision;
