package dev.releasegate.lifecycle;

import dev.releasegate.api.v1alpha1.CanaryStatus;
import dev.releasegate.api.v1alpha1.Reason;
import dev.releasegate.api.v1alpha1.RollbackRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What status and Events say, in one place: each record is one reason with the facts its sentence
 * is made of, and its {@link #text()} is the sentence people read. The lifecycle rules decide and
 * hand over facts; none of them writes prose. The commands in a sentence come from {@link
 * Commands}, already made to work when pasted.
 */
sealed interface Sentence {
  /** Why, as status.reason and the Event's reason show it. */
  Reason reason();

  /** The sentence for people: status.message, or the Event's message. */
  String text();

  /** Who did what this tells, as their request's by= names them; empty for the operator's own. */
  default Optional<String> actor() {
    return Optional.empty();
  }

  /** The version this tells about, when it is not the one the spec names. */
  default Optional<String> about() {
    return Optional.empty();
  }

  // The spec.

  /** The spec reads but cannot be acted on; what serves is left alone. */
  record InvalidSpec(List<FieldError> errors, String stable, CanaryStatus withdrawn)
      implements Sentence {
    public Reason reason() {
      return Reason.InvalidSpec;
    }

    public String text() {
      String serving =
          stable == null
              ? "Nothing was approved yet, so nothing is deployed."
              : withdrawn == null
                  ? "The serving version " + stable + " is left as it is."
                  : withdrawn.version()
                      + " gets no traffic at step "
                      + withdrawn.step()
                      + "/"
                      + withdrawn.steps()
                      + " until the spec is fixed, and "
                      + stable
                      + " serves everything; then that step starts again.";
      return errors.stream().map(FieldError::toString).collect(Collectors.joining("; "))
          + ". "
          + serving
          + " Fix the spec to continue.";
    }
  }

  /** The spec cannot even be read: nothing is touched, the kill switch included. */
  record UnreadableSpec(String problem, String stable, boolean killSwitchSet) implements Sentence {
    public Reason reason() {
      return Reason.InvalidSpec;
    }

    public String text() {
      return "The spec cannot be read: "
          + problem
          + ". "
          + (stable == null
              ? "Nothing was approved yet, so nothing is deployed."
              : "Traffic is left as it is (" + stable + " approved).")
          + (killSwitchSet ? " The kill switch cannot be acted on until the spec can be read." : "")
          + " Fix the spec to continue.";
    }
  }

  /** A router that cannot act holds the release where it is. */
  record RouterBlocked(TrafficBlock block, String stable) implements Sentence {
    public Reason reason() {
      return block.reason();
    }

    public String text() {
      return block.message()
          + " "
          + (stable == null
              ? "Nothing was approved yet, so nothing serves through releasegate."
              : "Traffic stays as the router last left it, with "
                  + stable
                  + " approved; releasegate changes nothing until this is fixed.");
    }
  }

  /**
   * A rollback decided while the router cannot act: what the rollback says, and that it waits for
   * the router.
   */
  record AwaitingRouter(Sentence rollback, TrafficBlock block) implements Sentence {
    public Reason reason() {
      return rollback.reason();
    }

    public String text() {
      return rollback.text()
          + " The router cannot act yet ("
          + block.reason()
          + "): "
          + block.message()
          + " The rollback is applied as soon as it can.";
    }
  }

  // Which version the spec asks for.

  /** The spec names the approved version again while a candidate was under way. */
  record CandidateWithdrawn(String candidate, String stable) implements Sentence {
    public Reason reason() {
      return Reason.CandidateWithdrawn;
    }

    public String text() {
      return candidate + " is no longer asked for; " + stable + " serves all traffic.";
    }
  }

  /** A new version replaced the candidate while it had traffic. */
  record CanaryRestarted(String candidate, String replaced) implements Sentence {
    public Reason reason() {
      return Reason.CanaryRestarted;
    }

    public String text() {
      return candidate
          + " replaced "
          + replaced
          + " mid-canary; "
          + replaced
          + " gets no more traffic and "
          + candidate
          + " starts from its gates.";
    }
  }

  // Gates.

  /** A later version waits for its gates before any traffic. */
  record AwaitingGates(String version, String shut, String signHints) implements Sentence {
    public Reason reason() {
      return Reason.AwaitingGates;
    }

    public String text() {
      return version + " gets no traffic until its gates pass. " + shut + signHints;
    }
  }

  /** A first version waits for every gate before it gets pods. */
  record FirstAwaitingGates(String version, String shut, String signHints) implements Sentence {
    public Reason reason() {
      return Reason.AwaitingGates;
    }

    public String text() {
      return "First version "
          + version
          + " rolls out in full once every gate passes; it gets no pods until then. "
          + shut
          + signHints;
    }
  }

  /** Only the change freeze holds the version: the freeze gate says until when and how to skip. */
  record Frozen(String gate) implements Sentence {
    public Reason reason() {
      return Reason.ChangeFreeze;
    }

    public String text() {
      return gate;
    }
  }

  /** A gate the candidate had passed shut again while it had traffic. */
  record LostTraffic(String version) implements Sentence {
    public Reason reason() {
      return Reason.GateClosed;
    }

    public String text() {
      return version + " lost its traffic: a gate it had passed is shut again.";
    }
  }

  /** All traffic needs every promotion gate: one shut again, so the candidate steps back. */
  record SteppedBack(String version, int back, int steps, int weight, String shut, String signHints)
      implements Sentence {
    public Reason reason() {
      return Reason.AwaitingSignoffs;
    }

    public String text() {
      return version
          + " had all traffic before its promotion gates passed again: back to "
          + (back == 0 ? "no traffic" : "step " + back + "/" + steps + " at " + weight + "%")
          + ". "
          + shut
          + signHints;
    }
  }

  /** The canary cannot take all traffic until the promotion gates pass. */
  record AwaitingPromotionGates(CanaryStatus canary, String shut, String signHints)
      implements Sentence {
    public Reason reason() {
      return Reason.AwaitingSignoffs;
    }

    public String text() {
      return where(canary)
          + ": "
          + canary.version()
          + " cannot get all traffic yet. "
          + shut
          + signHints;
    }
  }

  // People holding it.

  /**
   * {@code releasegate.dev/pause} holds the release, as {@code request} (its value) asks; {@code
   * canary} is null for a first rollout.
   */
  record Paused(String request, CanaryStatus canary, String resume) implements Sentence {
    public Reason reason() {
      return Reason.PauseAnnotation;
    }

    public String text() {
      return "Paused by "
          + ReleaseAnnotations.asked(ReleaseAnnotations.PAUSE, request)
          + (canary == null ? "" : " at " + where(canary))
          + "; to continue: "
          + resume;
    }
  }

  /**
   * A step's pause counts down, or, with {@code due} null, the step holds until promoted. {@code
   * unusedPromote} is a promote request there that names another step or version.
   */
  record StepHold(
      CanaryStatus canary,
      String detail,
      Instant due,
      Optional<String> unusedPromote,
      String promote)
      implements Sentence {
    public Reason reason() {
      return due == null ? Reason.AwaitingPromote : Reason.StepPause;
    }

    public String text() {
      String held =
          due == null
              ? "; this step holds until promoted."
              : " since "
                  + Draft.time(canary.stepStartedAt())
                  + "; next step at "
                  + Draft.time(due)
                  + ".";
      return where(canary)
          + ": "
          + served()
          + " on "
          + canary.version()
          + held
          + unusedPromote
              .map(
                  value ->
                      " "
                          + ReleaseAnnotations.PROMOTE
                          + "="
                          + value
                          + " does nothing here: this is step "
                          + canary.step()
                          + " of "
                          + canary.version()
                          + ", and a promote names both (version=...; step=N).")
              .orElse("")
          + (due == null ? " To promote it: " : " To skip the wait: ")
          + promote;
    }

    private String served() {
      String share = canary.weight() + "% of traffic";
      if (canary.effectiveWeight() != null && canary.effectiveWeight() != canary.weight()) {
        share += " (" + canary.effectiveWeight() + "% served";
        share += detail == null ? ")" : ": " + detail + ")";
      }
      return share;
    }
  }

  /** A promote request cut a step's pause short. */
  record PauseSkipped(CanaryStatus canary, String request) implements Sentence {
    public Reason reason() {
      return Reason.PauseSkipped;
    }

    @Override
    public Optional<String> actor() {
      return ReleaseAnnotations.by(request);
    }

    public String text() {
      return where(canary)
          + ": pause skipped by "
          + ReleaseAnnotations.asked(ReleaseAnnotations.PROMOTE, request)
          + ".";
    }
  }

  /** A retry brings a rolled-back version back to its first step. */
  record Retry(String version, String request) implements Sentence {
    public Reason reason() {
      return Reason.Retry;
    }

    @Override
    public Optional<String> actor() {
      return ReleaseAnnotations.by(request);
    }

    public String text() {
      return "Retrying "
          + version
          + " from its first step, as "
          + ReleaseAnnotations.asked(ReleaseAnnotations.RETRY, request)
          + " asks.";
    }
  }

  // Traffic moving.

  /** The first version rolls out to all replicas. */
  record RolloutStarted(String version) implements Sentence {
    public Reason reason() {
      return Reason.RolloutStarted;
    }

    public String text() {
      return "First version " + version + " rolls out to all replicas.";
    }
  }

  /** The first version's pods are not all ready yet. */
  record FirstRollout(String version, int replicas) implements Sentence {
    public Reason reason() {
      return Reason.FirstRollout;
    }

    public String text() {
      return "First version "
          + version
          + " is rolling out to all "
          + replicas
          + " replicas; it becomes the approved version when they are ready.";
    }
  }

  /**
   * The canary entered a step: as an Event ({@code inForce} false), or as status while its weight
   * is being put in force.
   */
  record CanaryStep(CanaryStatus canary, boolean waiting) implements Sentence {
    public Reason reason() {
      return waiting ? Reason.ShiftingTraffic : Reason.CanaryStep;
    }

    public String text() {
      return where(canary)
          + ": "
          + canary.weight()
          + "% of traffic to "
          + canary.version()
          + (waiting ? "; waiting for it to be in force." : ".");
    }
  }

  /** The step's weight is asked for and not in force yet. */
  record ShiftingTraffic(CanaryStatus canary) implements Sentence {
    public Reason reason() {
      return Reason.ShiftingTraffic;
    }

    public String text() {
      return where(canary)
          + ": shifting traffic to "
          + canary.version()
          + "; waiting for it to be in force.";
    }
  }

  /** The canary plan was edited mid-canary. */
  record Replanned(String version, int steps, int step) implements Sentence {
    public Reason reason() {
      return Reason.CanaryReplanned;
    }

    public String text() {
      return version
          + "'s canary plan changed: "
          + steps
          + " steps now; it goes on at step "
          + step
          + ".";
    }
  }

  // Analysis.

  /** A metric cannot be measured: the step holds where it is. */
  record AnalysisError(CanaryStatus canary, String error) implements Sentence {
    public Reason reason() {
      return Reason.AnalysisError;
    }

    public String text() {
      return where(canary)
          + ": holding at "
          + canary.weight()
          + "% because "
          + error
          + ". The canary resumes when the metric can be measured again.";
    }
  }

  /** The hold is over, the measurements not yet healthy. */
  record AwaitingAnalysis(CanaryStatus canary, String waitingFor) implements Sentence {
    public Reason reason() {
      return Reason.AwaitingAnalysis;
    }

    public String text() {
      return where(canary)
          + ": the hold is over; the step advances when its measurements are healthy: "
          + waitingFor
          + ".";
    }
  }

  // The rollback rehearsal.

  /** The rehearsal takes the candidate's traffic away. */
  record RehearsalStarted(String version, String stable) implements Sentence {
    public Reason reason() {
      return Reason.RehearsalStarted;
    }

    public String text() {
      return "Rehearsing the rollback: "
          + version
          + " goes to 0% until "
          + stable
          + " carries all traffic.";
    }
  }

  /** The rehearsal waits for the stable version to carry everything. */
  record ReturningToStable(String version, String stable) implements Sentence {
    public Reason reason() {
      return Reason.RehearsingRollback;
    }

    public String text() {
      return "Rehearsing the rollback before promotion: "
          + version
          + " is at 0% until "
          + stable
          + " carries all traffic.";
    }
  }

  /** The rehearsal returned; the candidate's traffic goes back to it. */
  record ReturningToCanary(String took, int weight, String version) implements Sentence {
    public Reason reason() {
      return Reason.RehearsingRollback;
    }

    public String text() {
      return "Rollback rehearsed in "
          + took
          + "; shifting "
          + weight
          + "% back to "
          + version
          + " before promotion.";
    }
  }

  /** The rehearsal returned in time. */
  record RehearsalPassed(String stable, String took) implements Sentence {
    public Reason reason() {
      return Reason.RehearsalPassed;
    }

    public String text() {
      return "Rollback rehearsed: " + stable + " carried all traffic again after " + took + ".";
    }
  }

  // The approved version.

  /** The candidate became the approved version; the Event also names its packet record. */
  record Promoted(String version, String packetRecord) implements Sentence {
    public Reason reason() {
      return Reason.Promoted;
    }

    public String text() {
      return version
          + " is the approved version and serves all traffic."
          + (packetRecord == null
              ? ""
              : " Rollbacks now return to it; its packet record is ConfigMap "
                  + packetRecord
                  + ".");
    }
  }

  /** The approved version is watched until its observation period ends. */
  record Observing(String stable, Instant end, String kept, int keptPods, String cannotMeasure)
      implements Sentence {
    public Reason reason() {
      return Reason.Observing;
    }

    public String text() {
      return stable
          + " is the approved version and serves all traffic; it is observed until "
          + Draft.time(end)
          + "."
          + (kept == null
              ? ""
              : " "
                  + kept
                  + " is kept for a rollback, with "
                  + keptPods
                  + (keptPods == 1 ? " pod" : " pods")
                  + " ready.")
          + (cannotMeasure == null ? "" : " Analysis cannot measure: " + cannotMeasure + ".");
    }
  }

  /** The observation period ended. */
  record Released(String stable, Instant end) implements Sentence {
    public Reason reason() {
      return Reason.Released;
    }

    public String text() {
      return stable
          + " is released: its observation period ended at "
          + Draft.time(end)
          + "; it serves all traffic.";
    }
  }

  /** A breach while observing the only approved version: there is nothing to return to. */
  record BreachWithNothingToReturnTo(String breach, String stable) implements Sentence {
    public Reason reason() {
      return Reason.ObservationBreach;
    }

    public String text() {
      return "Observation breach ("
          + breach
          + "), but "
          + stable
          + " is the only approved version, so it keeps serving: investigate, or apply a fixed"
          + " version.";
    }
  }

  // Rollbacks.

  /**
   * Traffic went back: what the rollback did, what to do next, and the requests it used up ({@code
   * key=value} each).
   */
  record RolledBack(RollbackRecord rollback, Next next, List<String> ignored) implements Sentence {
    public Reason reason() {
      return rollback.cause();
    }

    @Override
    public Optional<String> actor() {
      return Optional.ofNullable(rollback.by());
    }

    @Override
    public Optional<String> about() {
      return Optional.of(rollback.fromVersion());
    }

    public String text() {
      return happened(rollback)
          + " "
          + next.text()
          + (ignored.isEmpty()
              ? ""
              : " Ignored, as written before this rollback: "
                  + String.join(" ", ignored)
                  + "; write a new one to act.");
    }
  }

  /**
   * Still rolled back: the rollback, a retry already there that does not count again (if any), and
   * what to do next.
   */
  record StillRolledBack(RollbackRecord rollback, Optional<String> usedRetry, Next next)
      implements Sentence {
    public Reason reason() {
      return rollback.cause();
    }

    public String text() {
      return happened(rollback)
          + usedRetry
              .map(
                  value ->
                      " The retry already there ("
                          + value
                          + ") was written before this rollback or has been used, so it does not"
                          + " count again.")
              .orElse("")
          + " "
          + next.text();
    }
  }

  /** The kill switch is set where it cannot take anything away. */
  record KillSwitchIgnored(String trigger, String stable) implements Sentence {
    public Reason reason() {
      return Reason.KillSwitchIgnored;
    }

    public String text() {
      return stable == null
          ? "Kill switch is set (" + trigger + "), but nothing is deployed: nothing to roll back."
          : "Kill switch is set ("
              + trigger
              + "), but "
              + stable
              + " is the only approved version, so it keeps serving: there is no earlier version"
              + " to return to.";
    }
  }

  /** What to do after a rollback, each with the commands that do it. */
  sealed interface Next {
    String text();

    /** Retry the rolled-back version, or move on. */
    record TryAgain(String version, String retry) implements Next {
      public String text() {
        return "To try " + version + " again: " + retry + ", or apply a new version.";
      }
    }

    /** The kill switch is still set: clear it, then retry or move on. */
    record ClearThenRetry(String version, String clear, String retry) implements Next {
      public String text() {
        return "To release "
            + version
            + " again: clear the switch ("
            + clear
            + "), then "
            + retry
            + ", or apply a new version.";
      }
    }

    /** The rehearsal was too slow: find out why, then retry. */
    record FindWhySlow(String version, String stable, String retry) implements Next {
      public String text() {
        return version
            + " is not promoted. Find out why "
            + stable
            + " was slow to take the traffic, then try again: "
            + retry
            + ".";
      }
    }

    /** Git reverted to the version that serves: only the switch is left to clear. */
    record ClearWhenOver(String wanted, String clear) implements Next {
      public String text() {
        return "The spec asks for "
            + wanted
            + ", which serves; clear the switch when the incident is over: "
            + clear
            + ".";
      }
    }

    /** A new version, never rolled back, starts once the switch is cleared. */
    record StartsWhenCleared(String wanted, String clear) implements Next {
      public String text() {
        return wanted
            + " waits for the kill switch; it starts once the switch is cleared: "
            + clear
            + ".";
      }
    }
  }

  /** What a rollback did, in one sentence. */
  static String happened(RollbackRecord rollback) {
    String trigger = rollback.trigger();
    String why =
        Reason.of(rollback.reason())
            .map(
                reason ->
                    switch (reason) {
                      case KillSwitch ->
                          "Kill switch ("
                              + trigger
                              + ")"
                              + (rollback.by() == null ? "" : ", pulled by " + rollback.by() + ",");
                      case RehearsalFailed -> "Rollback rehearsal failed (" + trigger + "):";
                      case AnalysisFailed -> "Analysis failed (" + trigger + "):";
                      case ObservationBreach -> "Observation breach (" + trigger + "):";
                      default -> null;
                    })
            .orElse(rollback.reason() + " (" + trigger + ")");
    String where =
        rollback.toVersion() == null
            ? "; no version was approved yet, so nothing serves."
            : ": traffic returned to " + rollback.toVersion() + ".";
    return why
        + " rolled back "
        + rollback.fromVersion()
        + " at "
        + Draft.time(rollback.at())
        + where;
  }

  private static String where(CanaryStatus canary) {
    return "Step " + canary.step() + "/" + canary.steps();
  }
}
