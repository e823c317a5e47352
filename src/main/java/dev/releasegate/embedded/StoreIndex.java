package dev.releasegate.embedded;

import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import io.fabric8.mockwebserver.crud.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An index over the mock's object store, so that a query need not be tested against every stored
 * object.
 *
 * <p>The mock keeps every object in one {@code Map<AttributeSet, String>} and answers each request,
 * even a GET or PATCH of one object, by testing every entry with {@link AttributeSet#matches}: a
 * linear scan, which at a few thousand objects is nearly all the API's CPU time. This index narrows
 * a query to the entries that can match it at all: those with its resource (plural) and name when
 * it names one object, those with its resource when it lists. The caller still tests each candidate
 * with {@code matches}, so the answer is the scan's answer.
 *
 * <p>Each bucket is a {@link LinkedHashMap} that sees the same removes and puts as the mock's map,
 * in the same order, so its iteration order is the map's order restricted to the bucket: the first
 * match, and the order of a list's items, are what the scan finds. Buckets are dropped when they
 * empty, so deleted objects leave nothing behind. Queries the index cannot narrow (no plural, or a
 * value other than one literal) get every entry.
 *
 * <p>Written by hand: nothing on the classpath indexes the mock's store. Not thread-safe; the
 * dispatcher changes and reads it under its lock.
 */
final class StoreIndex {

  /** {@link Value#equals} treats "*" as equal to anything, so no bucket could hold it. */
  private static final String WILDCARD = "*";

  private record ObjectKey(String plural, String name) {}

  private final Map<AttributeSet, String> everything;
  private final Map<String, Map<AttributeSet, String>> byPlural = new HashMap<>();
  private final Map<ObjectKey, Map<AttributeSet, String>> byObject = new HashMap<>();

  /** Entries whose plural or name is not one literal value; while any exist, nothing narrows. */
  private final Map<AttributeSet, String> unindexable = new HashMap<>();

  /**
   * @param everything the mock's own map, which answers the queries the index cannot narrow
   */
  StoreIndex(Map<AttributeSet, String> everything) {
    this.everything = everything;
  }

  /** Records that the store now maps {@code key} to {@code value}. */
  void put(AttributeSet key, String value) {
    String plural = literal(key, KubernetesAttributesExtractor.PLURAL);
    String name = literal(key, KubernetesAttributesExtractor.NAME);
    if (isUnindexable(key, KubernetesAttributesExtractor.PLURAL, plural)
        || isUnindexable(key, KubernetesAttributesExtractor.NAME, name)) {
      unindexable.put(key, value);
    }
    if (plural != null) {
      byPlural.computeIfAbsent(plural, p -> new LinkedHashMap<>()).put(key, value);
      if (name != null) {
        byObject
            .computeIfAbsent(new ObjectKey(plural, name), o -> new LinkedHashMap<>(2))
            .put(key, value);
      }
    }
  }

  /** Records that the store no longer holds {@code key}. */
  void remove(AttributeSet key) {
    if (key == null) {
      return;
    }
    unindexable.remove(key);
    String plural = literal(key, KubernetesAttributesExtractor.PLURAL);
    if (plural == null) {
      return;
    }
    removeFrom(byPlural, plural, key);
    String name = literal(key, KubernetesAttributesExtractor.NAME);
    if (name != null) {
      removeFrom(byObject, new ObjectKey(plural, name), key);
    }
  }

  void clear() {
    byPlural.clear();
    byObject.clear();
    unindexable.clear();
  }

  /**
   * The stored entries that may match {@code query}, in the store's order: every entry that matches
   * is among them. The caller tests each with {@link AttributeSet#matches}.
   */
  Iterable<Map.Entry<AttributeSet, String>> candidates(AttributeSet query) {
    String plural = required(query, KubernetesAttributesExtractor.PLURAL);
    if (plural == null || !unindexable.isEmpty()) {
      return everything.entrySet();
    }
    String name = required(query, KubernetesAttributesExtractor.NAME);
    Map<AttributeSet, String> bucket =
        name == null ? byPlural.get(plural) : byObject.get(new ObjectKey(plural, name));
    return bucket == null ? Collections.emptySet() : bucket.entrySet();
  }

  /** The entries of {@link #candidates} that match {@code query}, in the store's order. */
  List<Map.Entry<AttributeSet, String>> matches(AttributeSet query) {
    List<Map.Entry<AttributeSet, String>> matches = new ArrayList<>();
    for (Map.Entry<AttributeSet, String> entry : candidates(query)) {
      if (entry.getKey().matches(query)) {
        matches.add(entry);
      }
    }
    return matches;
  }

  /** The first entry matching {@code query} in the store's order, or null. */
  Map.Entry<AttributeSet, String> first(AttributeSet query) {
    for (Map.Entry<AttributeSet, String> entry : candidates(query)) {
      if (entry.getKey().matches(query)) {
        return entry;
      }
    }
    return null;
  }

  /** Number of entries indexed under a resource; for tests. */
  int sizeOf(String plural) {
    Map<AttributeSet, String> bucket = byPlural.get(plural);
    return bucket == null ? 0 : bucket.size();
  }

  /** Number of buckets of all kinds; for tests that check nothing is left behind. */
  int buckets() {
    return byPlural.size() + byObject.size() + unindexable.size();
  }

  private static <K> void removeFrom(
      Map<K, Map<AttributeSet, String>> buckets, K bucketKey, AttributeSet key) {
    Map<AttributeSet, String> bucket = buckets.get(bucketKey);
    if (bucket != null) {
      bucket.remove(key);
      if (bucket.isEmpty()) {
        buckets.remove(bucketKey);
      }
    }
  }

  /** A stored attribute's one value, or null when it is absent or not one literal. */
  static String literal(AttributeSet key, String attribute) {
    Attribute value = key.getAttribute(attribute);
    if (value == null || value.getValues().size() != 1) {
      return null;
    }
    String literal = Objects.toString(value.getValues().get(0), null);
    return literal == null || literal.equals(WILDCARD) ? null : literal;
  }

  private static boolean isUnindexable(AttributeSet key, String attribute, String literal) {
    return literal == null && key.getAttribute(attribute) != null;
  }

  /** The value a query requires an attribute to have, when it requires exactly one literal. */
  static String required(AttributeSet query, String attribute) {
    Attribute requirement = query.getAttribute(attribute);
    return requirement == null || requirement.getType() != AttributeType.WITH
        ? null
        : literal(query, attribute);
  }
}
