package io.exoreg.decision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The decision semantics of the product specification, section 3, clause by clause. Written with
 * plain loops over node numbers: it is the service's inner loop, run for every question not
 * answered before.
 */
final class Decider {
  private final Tree<Node> sources;
  private final Tree<Node> methods;
  // The rules in force that apply to at least one pair the question covers (clause 1 for every
  // covered pair at once), level by level in chain order, each level in id order; with the numbers
  // of their source and method nodes.
  private final Rule[] rules;
  private final int[] ruleSources;
  private final int[] ruleMethods;
  private final int[] levelEnds;
  // a policy's answer: no rule applying is no answer (null), not UNKNOWN
  private final boolean silent;
  private int count;

  private Decider(RuleTable table, int capacity, int levels, boolean silent) {
    this.silent = silent;
    this.sources = table.sources();
    this.methods = table.deliveryMethods();
    this.rules = new Rule[capacity];
    this.ruleSources = new int[capacity];
    this.ruleMethods = new int[capacity];
    this.levelEnds = new int[levels];
  }

  /** The law's answer: every level of the jurisdiction's chain (section 3). */
  static Decision decide(RuleTable table, Question question) {
    List<String> chain = table.jurisdictions().chain(question.jurisdiction());
    RuleTable.Level[] levels = new RuleTable.Level[chain.size()];
    for (int i = 0; i < levels.length; i++) {
      levels[i] = table.level(question.ingredient(), chain.get(i));
    }
    return decide(table, levels, question, false);
  }

  /**
   * A policy's answer: clauses 1 to 7 over the policy's rules, its rules for everywhere a level
   * above every chain. Where none of them applies the policy is silent: a null status, never
   * UNKNOWN, since a policy says only what it says.
   */
  static Decision decide(RuleTable table, Policy policy, Question question) {
    List<String> chain = table.jurisdictions().chain(question.jurisdiction());
    RuleTable.Level[] levels = new RuleTable.Level[chain.size() + 1];
    for (int i = 0; i < chain.size(); i++) {
      levels[i] = policy.level(question.ingredient(), chain.get(i));
    }
    levels[chain.size()] = policy.level(question.ingredient(), null);
    return decide(table, levels, question, true);
  }

  private static Decision decide(
      RuleTable table, RuleTable.Level[] levels, Question question, boolean silent) {
    int written = 0;
    for (RuleTable.Level level : levels) {
      written += level.rules().size();
    }
    // Clause 8: whether the chain has any rule for the ingredient at all, on any day.
    Coverage coverage = written > 0 ? Coverage.RULES : Coverage.NONE;
    Decider decider = new Decider(table, written, levels.length, silent);
    int source = decider.sources.number(question.source());
    int method = decider.methods.number(question.deliveryMethod());
    for (int i = 0; i < levels.length; i++) {
      decider.collect(levels[i], question, source, method);
      decider.levelEnds[i] = decider.count;
    }
    return decider.decide(question, source, method, coverage);
  }

  private void collect(RuleTable.Level level, Question question, int source, int method) {
    List<Rule> written = level.rules();
    for (int i = 0; i < written.size(); i++) {
      int s = level.sources()[i];
      int m = level.methods()[i];
      Rule rule = written.get(i);
      if (related(sources, s, source)
          && related(methods, m, method)
          && rule.inForceOn(question.at())) {
        rules[count] = rule;
        ruleSources[count] = s;
        ruleMethods[count] = m;
        count++;
      }
    }
  }

  private Decision decide(Question question, int source, int method, Coverage coverage) {
    // Clause 7. Below the question's nodes, the base answer can change only at a node some rule is
    // written for, so those nodes and the question's own stand for every covered pair: any other
    // pair answers as the nearest of them above it, which is broader and so also the more general
    // deciding case. A leaf question, like most, is one base decision.
    int[] sourceCuts = cuts(sources, source, ruleSources);
    int[] methodCuts = cuts(methods, method, ruleMethods);
    if (sourceCuts.length == 1 && methodCuts.length == 1) {
      long[] deciding = new long[words()];
      Status status = base(source, method, deciding);
      List<Rule> decidingRules = rules(deciding);
      return new Decision(
          question,
          status,
          decidingRules,
          conditions(decidingRules),
          status == null
              ? List.of()
              : List.of(
                  new DecidingCase(
                      question.source(), question.deliveryMethod(), status, decidingRules)),
          coverage);
    }
    int width = sourceCuts.length;
    int pairs = width * methodCuts.length;
    Status[] statuses = new Status[pairs];
    long[][] deciding = new long[pairs][words()];
    Status status = null;
    for (int p = 0; p < pairs; p++) {
      statuses[p] = base(sourceCuts[p % width], methodCuts[p / width], deciding[p]);
      if (statuses[p] != null && (status == null || statuses[p].isMoreSevereThan(status))) {
        status = statuses[p];
      }
    }
    // Pairs run method by method, each in source order, so the cases read in tree order.
    List<DecidingCase> cases = new ArrayList<>(2);
    long[] union = new long[words()];
    for (int p = 0; p < pairs; p++) {
      if (status == null || statuses[p] != status) {
        continue;
      }
      for (int w = 0; w < union.length; w++) {
        union[w] |= deciding[p][w];
      }
      if (!broaderReaches(statuses, status, sourceCuts, methodCuts, p)) {
        cases.add(
            new DecidingCase(
                sourceId(sourceCuts[p % width], question.source()),
                methodId(methodCuts[p / width], question.deliveryMethod()),
                status,
                rules(deciding[p])));
      }
    }
    List<Rule> decidingRules = rules(union);
    return new Decision(
        question, status, decidingRules, conditions(decidingRules), cases, coverage);
  }

  /**
   * Clauses 1 to 5 for one (source, method) pair: its status, with its deciding rules marked in
   * {@code deciding} by their place among the relevant rules.
   */
  private Status base(int source, int method, long[] deciding) {
    // Clause 3: the law of every level applies at once, so the survivors of all levels compete.
    Status status = null;
    int start = 0;
    for (int end : levelEnds) {
      for (int i = start; i < end; i++) {
        if (applies(i, source, method) && !beatenAtItsLevel(i, start, end, source, method)) {
          // Clause 4: the most severe status among the candidates wins, and its rules decide.
          Status candidate = rules[i].status();
          if (status == null || candidate.isMoreSevereThan(status)) {
            status = candidate;
            Arrays.fill(deciding, 0);
          }
          if (candidate == status) {
            deciding[i >>> 6] |= 1L << i;
          }
        }
      }
      start = end;
    }
    // Clause 5: no rule anywhere in the chain means UNKNOWN, never permitted; a policy is silent.
    return status == null && !silent ? Status.UNKNOWN : status;
  }

  /** Clause 1 for one pair; the day was checked when the rule was found relevant. */
  private boolean applies(int rule, int source, int method) {
    return sources.isSameOrBelow(source, ruleSources[rule])
        && methods.isSameOrBelow(method, ruleMethods[rule]);
  }

  /**
   * Clause 2: whether another applying rule of the same level is more specific, that is at or below
   * it in both trees and not on the same pair.
   */
  private boolean beatenAtItsLevel(int rule, int start, int end, int source, int method) {
    for (int i = start; i < end; i++) {
      if (i != rule
          && (ruleSources[i] != ruleSources[rule] || ruleMethods[i] != ruleMethods[rule])
          && sources.isSameOrBelow(ruleSources[i], ruleSources[rule])
          && methods.isSameOrBelow(ruleMethods[i], ruleMethods[rule])
          && applies(i, source, method)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Clause 7: whether a covered pair broader than pair {@code p}, other than itself, reaches the
   * same status. Only the stand-in pairs need looking at: a broader pair answers as the stand-in
   * above it, which is broader still.
   */
  private boolean broaderReaches(
      Status[] statuses, Status status, int[] sourceCuts, int[] methodCuts, int p) {
    int width = sourceCuts.length;
    for (int o = 0; o < statuses.length; o++) {
      if (o != p
          && statuses[o] == status
          && sources.isSameOrBelow(sourceCuts[p % width], sourceCuts[o % width])
          && methods.isSameOrBelow(methodCuts[p / width], methodCuts[o / width])) {
        return true;
      }
    }
    return false;
  }

  /**
   * The question's node and every node strictly below it that a relevant rule is written for,
   * ascending, so in tree order with the question's node first.
   */
  private int[] cuts(Tree<Node> tree, int top, int[] ruleNodes) {
    int[] cuts = null;
    int n = 1;
    for (int i = 0; i < count; i++) {
      int node = ruleNodes[i];
      if (node != top && tree.isSameOrBelow(node, top) && !contains(cuts, n, node)) {
        if (cuts == null) {
          cuts = new int[count + 1];
          cuts[0] = top;
        }
        cuts[n++] = node;
      }
    }
    if (cuts == null) {
      return new int[] {top};
    }
    int[] sorted = Arrays.copyOf(cuts, n);
    Arrays.sort(sorted);
    return sorted;
  }

  private static boolean contains(int[] values, int n, int value) {
    if (values != null) {
      for (int i = 0; i < n; i++) {
        if (values[i] == value) {
          return true;
        }
      }
    }
    return false;
  }

  /** The id of a stand-in source: the question's own, or that of a rule written for it. */
  private String sourceId(int number, String asked) {
    for (int i = 0; i < count; i++) {
      if (ruleSources[i] == number) {
        return rules[i].source();
      }
    }
    return asked;
  }

  private String methodId(int number, String asked) {
    for (int i = 0; i < count; i++) {
      if (ruleMethods[i] == number) {
        return rules[i].deliveryMethod();
      }
    }
    return asked;
  }

  private int words() {
    return (count + 63) >>> 6;
  }

  /** The marked relevant rules, in chain then id order. */
  private List<Rule> rules(long[] marked) {
    List<Rule> list = null;
    for (int i = 0; i < count; i++) {
      if ((marked[i >>> 6] & (1L << i)) != 0) {
        if (list == null) {
          list = new ArrayList<>(2);
        }
        list.add(rules[i]);
      }
    }
    return list == null ? List.of() : list;
  }

  /** Whether one node is the other or lies below it, either way round. */
  private static boolean related(Tree<Node> tree, int a, int b) {
    return tree.isSameOrBelow(a, b) || tree.isSameOrBelow(b, a);
  }

  /** The union of the rules' conditions, in the rules' order, without repeats. */
  private static List<String> conditions(List<Rule> deciding) {
    if (deciding.size() == 1) {
      return deciding.get(0).conditions();
    }
    Set<String> union = new LinkedHashSet<>();
    deciding.forEach(rule -> union.addAll(rule.conditions()));
    return List.copyOf(union);
  }
}
