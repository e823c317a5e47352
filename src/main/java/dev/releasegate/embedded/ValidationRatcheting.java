package dev.releasegate.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import java.util.List;

/**
 * Validation ratcheting, as a real server (1.30 and later) does it on an update: an error about a
 * value the update did not change is not held against the update. A custom resource stored before
 * its CRD's schema was tightened can so still be updated elsewhere, its status above all, by an
 * operator that reports what is wrong with it.
 *
 * <p>Approximated by the error's location: an error stands unless the stored object holds an equal
 * value there (for a missing required field: unless it was missing there already).
 */
final class ValidationRatcheting {

  private ValidationRatcheting() {}

  /** The errors that this update introduced, given the object stored before it. */
  static List<Error> introduced(List<Error> errors, JsonNode stored) {
    return errors.stream().filter(error -> !unchanged(error, stored)).toList();
  }

  private static boolean unchanged(Error error, JsonNode stored) {
    JsonNode before = at(stored, error.getInstanceLocation());
    if ("required".equals(error.getKeyword())) {
      return before.isObject() && !before.has(error.getProperty());
    }
    return !before.isMissingNode() && before.equals(error.getInstanceNode());
  }

  private static JsonNode at(JsonNode root, NodePath location) {
    JsonNode node = root;
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      node = element instanceof Integer index ? node.path(index) : node.path(element.toString());
    }
    return node;
  }
}
