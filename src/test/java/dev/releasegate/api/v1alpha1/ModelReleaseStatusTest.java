package dev.releasegate.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The next decision starts from a copy of the status, so nothing a rule does not decide is lost.
 */
class ModelReleaseStatusTest {

  @Test
  void aCopyCarriesEveryFieldAndSharesNoCollection() throws Exception {
    ModelReleaseStatus status = new ModelReleaseStatus();
    List<Field> fields = new ArrayList<>();
    for (Field field : ModelReleaseStatus.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      field.setAccessible(true);
      field.set(status, sample(field.getGenericType()));
      fields.add(field);
    }
    assertThat(fields).hasSizeGreaterThan(15);

    ModelReleaseStatus copy = status.copy();

    for (Field field : fields) {
      Object original = field.get(status);
      Object copied = field.get(copy);
      assertThat(copied).as(field.getName()).isNotNull().isEqualTo(original);
      if (original instanceof Collection<?> || original instanceof Map<?, ?>) {
        assertThat(copied)
            .as(field.getName() + " is a collection of its own")
            .isNotSameAs(original);
      }
    }
  }

  /** A value of this type that no default equals: every field, component and element set. */
  private static Object sample(Type type) throws Exception {
    if (type instanceof ParameterizedType parameterized) {
      Class<?> raw = (Class<?>) parameterized.getRawType();
      Type[] arguments = parameterized.getActualTypeArguments();
      if (List.class.isAssignableFrom(raw)) {
        return new ArrayList<>(List.of(sample(arguments[0])));
      }
      if (Map.class.isAssignableFrom(raw)) {
        return new TreeMap<>(Map.of(sample(arguments[0]), sample(arguments[1])));
      }
      throw new IllegalArgumentException("no sample for " + type);
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class) {
      return "sample";
    }
    if (c == Long.class || c == long.class) {
      return 7L;
    }
    if (c == Integer.class || c == int.class) {
      return 7;
    }
    if (c == Double.class || c == double.class) {
      return 0.7;
    }
    if (c == Boolean.class || c == boolean.class) {
      return true;
    }
    if (c == Instant.class) {
      return Instant.parse("2026-12-01T09:00:00Z");
    }
    if (c.isEnum()) {
      return c.getEnumConstants()[c.getEnumConstants().length - 1];
    }
    if (c.isRecord()) {
      RecordComponent[] components = c.getRecordComponents();
      Class<?>[] types = new Class<?>[components.length];
      Object[] values = new Object[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        values[i] = sample(components[i].getGenericType());
      }
      return c.getDeclaredConstructor(types).newInstance(values);
    }
    throw new IllegalArgumentException("no sample for " + type);
  }
}
