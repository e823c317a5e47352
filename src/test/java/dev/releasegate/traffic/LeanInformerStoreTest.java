package dev.releasegate.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeanInformerStoreTest {

  @Test
  void cachesObjectsWithoutTheirManagedFieldsAndKeepsTheRest() {
    ItemStore<ConfigMap> store = LeanInformerStore.<ConfigMap>forNamespaces(Set.of()).orElseThrow();
    ConfigMap applied =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("eval")
            .withNamespace("ml")
            .withLabels(Map.of("releasegate.dev/evidence", "true"))
            .addToManagedFields(
                new ManagedFieldsEntryBuilder()
                    .withManager("kubectl")
                    .withOperation("Apply")
                    .withFieldsV1(new FieldsV1())
                    .build())
            .endMetadata()
            .withData(Map.of("report.json", "{}"))
            .build();

    store.put(store.getKey(applied), applied);

    ConfigMap cached = store.get("ml/eval");
    assertThat(cached.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(cached.getMetadata().getLabels()).containsEntry("releasegate.dev/evidence", "true");
    assertThat(cached.getData()).containsEntry("report.json", "{}");
  }

  @Test
  void isUsedOnlyWhereOneInformerOwnsIt() {
    // JOSDK gives one store to the informer of every watched namespace; a relist of one would
    // drop the others' objects.
    assertThat(LeanInformerStore.forNamespaces(Set.of("JOSDK_ALL_NAMESPACES"))).isPresent();
    assertThat(LeanInformerStore.forNamespaces(Set.of("ml"))).isPresent();
    assertThat(LeanInformerStore.forNamespaces(Set.of("ml", "search"))).isEmpty();
  }
}
