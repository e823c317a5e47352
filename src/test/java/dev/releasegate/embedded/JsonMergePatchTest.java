package dev.releasegate.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonMergePatchTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0} + {1} = {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // a null deletes the key (what `kubectl annotate x key-` relies on)
        "{'metadata':{'annotations':{'a':'1','b':'2'}}} | {'metadata':{'annotations':{'a':null}}} | {'metadata':{'annotations':{'b':'2'}}}",
        // objects merge recursively, scalars are replaced
        "{'spec':{'size':'s','colour':'red'}} | {'spec':{'size':'l'}} | {'spec':{'size':'l','colour':'red'}}",
        // lists are replaced wholesale
        "{'items':[1,2,3]} | {'items':[4]} | {'items':[4]}",
        // missing intermediate objects are created
        "{} | {'a':{'b':{'c':1}}} | {'a':{'b':{'c':1}}}",
        // deleting a missing key is a no-op
        "{'a':1} | {'b':null} | {'a':1}",
        // a non-object patch replaces the whole document
        "{'a':1} | ['x'] | ['x']",
        // a scalar target is replaced by an object patch
        "{'a':'text'} | {'a':{'b':1}} | {'a':{'b':1}}",
      })
  void mergesAsRfc7386(String target, String patch, String expected) throws Exception {
    JsonNode targetNode = json(target);
    JsonNode targetBefore = targetNode.deepCopy();

    JsonNode result = JsonMergePatch.apply(targetNode, json(patch));

    assertThat(result).isEqualTo(json(expected));
    assertThat(targetNode).as("the target is not modified").isEqualTo(targetBefore);
  }

  private static JsonNode json(String singleQuoted) throws Exception {
    return JSON.readTree(singleQuoted.replace('\'', '"'));
  }
}
