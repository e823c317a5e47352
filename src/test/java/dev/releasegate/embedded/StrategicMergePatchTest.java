package dev.releasegate.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrategicMergePatchTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0} + {1} = {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // what `kubectl apply` sends when one container's image changes
        "{'containers':[{'name':'app','image':'a:1','ports':[1]},{'name':'side','image':'s:1'}]}"
            + " | {'$setElementOrder/containers':[{'name':'app'},{'name':'side'}],'containers':[{'name':'app','image':'a:2'}]}"
            + " | {'containers':[{'name':'app','image':'a:2','ports':[1]},{'name':'side','image':'s:1'}]}",
        // a new named element is appended, a $patch:delete one removed
        "{'env':[{'name':'A','value':'1'},{'name':'B','value':'2'}]}"
            + " | {'env':[{'name':'B','$patch':'delete'},{'name':'C','value':'3'}]}"
            + " | {'env':[{'name':'A','value':'1'},{'name':'C','value':'3'}]}",
        // lists of unnamed values are replaced, as in RFC 7386
        "{'args':['a','b']} | {'args':['c']} | {'args':['c']}",
        // null deletes, objects merge
        "{'metadata':{'labels':{'a':'1','b':'2'}}} | {'metadata':{'labels':{'a':null,'c':'3'}}} | {'metadata':{'labels':{'b':'2','c':'3'}}}",
        // directives are dropped, not stored
        "{'spec':{'x':1}} | {'spec':{'$retainKeys':['x'],'x':2}} | {'spec':{'x':2}}",
      })
  void approximatesStrategicMerge(String target, String patch, String expected) throws Exception {
    assertThat(StrategicMergePatch.apply(json(target), json(patch))).isEqualTo(json(expected));
  }

  private static JsonNode json(String singleQuoted) throws Exception {
    return JSON.readTree(singleQuoted.replace('\'', '"'));
  }
}
