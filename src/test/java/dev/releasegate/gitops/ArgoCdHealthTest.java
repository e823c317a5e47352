package dev.releasegate.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.releasegate.api.v1alpha1.Phase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * The Argo CD health check (docs/argocd/modelrelease-health.lua), run with LuaJ as Argo CD runs it
 * with gopher-lua: the release as the global {@code obj}, the health as the table it returns.
 */
class ArgoCdHealthTest {
  private static final Path SCRIPT = Path.of("docs/argocd/modelrelease-health.lua");

  /** Which health each phase is, the contract this test states. */
  private static final Map<Phase, String> HEALTH =
      Map.of(
          Phase.Pending, "Progressing",
          Phase.AwaitingGates, "Suspended",
          Phase.Progressing, "Progressing",
          Phase.Paused, "Suspended",
          Phase.Promoted, "Healthy",
          Phase.Released, "Healthy",
          Phase.RolledBack, "Degraded",
          Phase.Invalid, "Degraded");

  /** Runs the script; returns {status, message}. */
  static List<String> health(Map<String, Object> release) throws Exception {
    Globals globals = JsePlatform.standardGlobals();
    globals.set("obj", lua(release));
    LuaValue hs = globals.load(Files.readString(SCRIPT), SCRIPT.toString()).call();
    return List.of(hs.get("status").tojstring(), hs.get("message").optjstring(""));
  }

  private static LuaValue lua(Object value) {
    if (value instanceof Map<?, ?> map) {
      LuaTable table = new LuaTable();
      map.forEach((k, v) -> table.set(String.valueOf(k), lua(v)));
      return table;
    }
    if (value instanceof Number number) {
      return LuaValue.valueOf(number.doubleValue());
    }
    return value == null ? LuaValue.NIL : LuaValue.valueOf(String.valueOf(value));
  }

  static Map<String, Object> release(long generation, Map<String, Object> status) {
    return status == null
        ? Map.of("metadata", Map.of("name", "assistant", "generation", generation))
        : Map.of(
            "metadata", Map.of("name", "assistant", "generation", generation), "status", status);
  }

  @Test
  void everyPhaseHasAHealth() {
    assertThat(HEALTH).containsOnlyKeys(Arrays.asList(Phase.values()));
  }

  @ParameterizedTest
  @EnumSource(Phase.class)
  void eachPhaseMapsToItsHealth(Phase phase) throws Exception {
    List<String> health =
        health(
            release(
                3,
                Map.of("phase", phase.name(), "observedGeneration", 3, "message", "what to do")));

    assertThat(health.get(0)).isEqualTo(HEALTH.get(phase));
    assertThat(health.get(1)).isEqualTo(phase.name() + ": what to do");
  }

  @Test
  void aReleaseTheOperatorHasNotSeenIsProgressing() throws Exception {
    assertThat(health(release(1, null)).get(0)).isEqualTo("Progressing");
  }

  @Test
  void aSpecChangeNotYetObservedIsProgressingWhateverTheOldPhaseSays() throws Exception {
    List<String> health = health(release(4, Map.of("phase", "Promoted", "observedGeneration", 3)));

    assertThat(health)
        .containsExactly("Progressing", "Waiting for releasegate to act on generation 4");
  }

  @Test
  void aPhaseFromANewerOperatorIsUnknownRatherThanHealthy() throws Exception {
    assertThat(health(release(1, Map.of("phase", "Observing", "observedGeneration", 1))).get(0))
        .isEqualTo("Unknown");
  }
}
