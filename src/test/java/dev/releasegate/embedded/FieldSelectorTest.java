package dev.releasegate.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldSelectorTest {

  private static final JsonNode EVENT =
      json(
          """
          {"apiVersion": "v1", "kind": "Event",
           "metadata": {"name": "w1.17a", "namespace": "ns1"},
           "involvedObject": {"apiVersion": "test.releasegate.dev/v1", "kind": "Widget",
                              "name": "w1", "namespace": "ns1", "uid": "0000-000b",
                              "resourceVersion": "7"},
           "reason": "Promoted", "type": "Normal", "count": 3, "message": "a=b, c",
           "source": {"component": "releasegate"}}
          """);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "metadata.name=w1.17a | true",
        "metadata.name==w1.17a | true",
        "metadata.name!=w1.17a | false",
        "metadata.namespace=ns1 | true",
        "involvedObject.name=w1,involvedObject.namespace=ns1,"
            + "involvedObject.kind=Widget,involvedObject.uid=0000-000b | true",
        "involvedObject.name=w1,involvedObject.kind=Deployment | false",
        "involvedObject.apiVersion=test.releasegate.dev/v1,involvedObject.resourceVersion=7 | true",
        "type!=Warning,reason=Promoted | true",
        "source=releasegate | true",
        "source.component=releasegate | true",
        "count=3 | true",
        "involvedObject.fieldPath= | true",
        "involvedObject.fieldPath!= | false",
        "message=a\\=b\\, c | true",
        "' metadata.name = w1.17a' | false",
      })
  void matchesDottedPathsWithEveryOperator(String selector, boolean matches) {
    assertThat(FieldSelector.parse(selector).matches(EVENT)).isEqualTo(matches);
  }

  @Test
  void readsTheFieldNameTrimmedAndTheValueAsWritten() {
    assertThat(FieldSelector.parse(" metadata.name =w1.17a").matches(EVENT)).isTrue();
  }

  @Test
  void anEmptySelectorMatchesEverything() {
    assertThat(FieldSelector.parse("").matches(EVENT)).isTrue();
    assertThat(FieldSelector.of(ResourcePath.parse("/api/v1/events?fieldSelector=").orElseThrow()))
        .isEmpty();
  }

  @Test
  void selectsTheMatchingItemsOfAList() {
    JsonNode items =
        json("[{\"metadata\": {\"name\": \"a\"}}, {\"metadata\": {\"name\": \"b\"}}, {}]");

    assertThat(FieldSelector.parse("metadata.name!=a").select(items).findValuesAsText("name"))
        .containsExactly("b");
  }

  @Test
  void readsTheSelectorFromTheQueryString() {
    ResourcePath path =
        ResourcePath.parse(
                "/api/v1/namespaces/ns1/events?fieldSelector=involvedObject.name%3Dw1%2Ctype%3DNormal&limit=500")
            .orElseThrow();

    assertThat(FieldSelector.of(path))
        .hasValueSatisfying(s -> assertThat(s.matches(EVENT)).isTrue());
  }

  @Test
  void rejectsRequirementsWithoutAnOperatorOrWithABadEscape() {
    assertThatThrownBy(() -> FieldSelector.parse("metadata.name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("can't understand 'metadata.name'");
    assertThatThrownBy(() -> FieldSelector.parse("message=a\\b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid escape");
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
