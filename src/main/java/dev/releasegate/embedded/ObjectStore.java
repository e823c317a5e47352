package dev.releasegate.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.List;
import java.util.Optional;

/**
 * The mock server's object store, as the emulation layer uses it: it computes whole objects and
 * leaves storing them — resourceVersion, generation, identity metadata, CRD status subresources,
 * watch events — to the mock's own create and replace.
 */
interface ObjectStore {

  /** The stored object at {@code path}'s object path, if any. */
  Optional<JsonNode> read(ResourcePath path);

  /** Creates {@code object} in {@code collection}, as a POST would. */
  MockResponse create(ResourcePath collection, ObjectNode object);

  /** Replaces the object at {@code path} (main resource or {@code /status}), as a PUT would. */
  MockResponse replace(ResourcePath path, ObjectNode object);

  /** The CustomResourceDefinitions currently stored. */
  List<CustomResourceDefinition> customResourceDefinitions();
}
