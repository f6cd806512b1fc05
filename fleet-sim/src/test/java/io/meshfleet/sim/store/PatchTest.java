package io.meshfleet.sim.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** JSON Patch (RFC 6902), JSON Merge Patch (RFC 7386) and strategic merge patch, as tables of before/patch/after. */
class PatchTest {

    private static JsonNode json(String text) {
        return Json.parse(text.replace('\'', '"').getBytes());
    }

    static Stream<Arguments> jsonPatches() {
        return Stream.of(
                Arguments.of("{'a':1}", "[{'op':'add','path':'/b','value':2}]", "{'a':1,'b':2}"),
                Arguments.of("{'a':[1,2]}", "[{'op':'add','path':'/a/1','value':9}]", "{'a':[1,9,2]}"),
                Arguments.of("{'a':[1,2]}", "[{'op':'add','path':'/a/-','value':3}]", "{'a':[1,2,3]}"),
                Arguments.of("{'a':1,'b':2}", "[{'op':'remove','path':'/a'}]", "{'b':2}"),
                Arguments.of("{'a':[1,2,3]}", "[{'op':'remove','path':'/a/0'}]", "{'a':[2,3]}"),
                Arguments.of("{'a':1}", "[{'op':'replace','path':'/a','value':{'x':1}}]", "{'a':{'x':1}}"),
                Arguments.of("{'a':{'b':1}}", "[{'op':'move','from':'/a/b','path':'/c'}]", "{'a':{},'c':1}"),
                Arguments.of("{'a':{'b':1}}", "[{'op':'copy','from':'/a','path':'/c'}]",
                        "{'a':{'b':1},'c':{'b':1}}"),
                Arguments.of("{'a':1}", "[{'op':'test','path':'/a','value':1},{'op':'add','path':'/t','value':true}]",
                        "{'a':1,'t':true}"),
                Arguments.of("{'m':{'labels':{}}}", "[{'op':'add','path':'/m/labels/app.kubernetes.io~1name','value':'x'}]",
                        "{'m':{'labels':{'app.kubernetes.io/name':'x'}}}"),
                Arguments.of("{'a~b':1}", "[{'op':'replace','path':'/a~0b','value':2}]", "{'a~b':2}"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("jsonPatches")
    void jsonPatch(String before, String patch, String after) {
        assertThat(JsonPatch.apply(json(before), json(patch))).isEqualTo(json(after));
    }

    static Stream<Arguments> failingJsonPatches() {
        return Stream.of(
                Arguments.of("{'a':1}", "[{'op':'test','path':'/a','value':2}]"),
                Arguments.of("{'a':1}", "[{'op':'remove','path':'/b'}]"),
                Arguments.of("{'a':1}", "[{'op':'replace','path':'/b/c','value':2}]"),
                Arguments.of("{'a':[1]}", "[{'op':'add','path':'/a/5','value':2}]"),
                Arguments.of("{'a':1}", "[{'op':'frobnicate','path':'/a'}]"),
                Arguments.of("{'a':1}", "{'op':'add'}"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("failingJsonPatches")
    void jsonPatchFailures(String before, String patch) {
        assertThatThrownBy(() -> JsonPatch.apply(json(before), json(patch))).isInstanceOf(PatchException.class);
    }

    static Stream<Arguments> mergePatches() {
        return Stream.of(
                Arguments.of("{'a':'b'}", "{'a':'c'}", "{'a':'c'}"),
                Arguments.of("{'a':'b'}", "{'b':'c'}", "{'a':'b','b':'c'}"),
                Arguments.of("{'a':'b'}", "{'a':null}", "{}"),
                Arguments.of("{'a':'b','b':'c'}", "{'a':null}", "{'b':'c'}"),
                Arguments.of("{'a':['b']}", "{'a':'c'}", "{'a':'c'}"),
                Arguments.of("{'a':'c'}", "{'a':['b']}", "{'a':['b']}"),
                Arguments.of("{'a':{'b':'c'}}", "{'a':{'b':'d','c':null}}", "{'a':{'b':'d'}}"),
                Arguments.of("{'a':[{'b':'c'}]}", "{'a':[1]}", "{'a':[1]}"),
                Arguments.of("{'e':null}", "{'a':1}", "{'e':null,'a':1}"),
                Arguments.of("{}", "{'a':{'bb':{'ccc':null}}}", "{'a':{'bb':{}}}"));
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("mergePatches")
    void mergePatch(String before, String patch, String after) {
        assertThat(MergePatch.apply(json(before), json(patch))).isEqualTo(json(after));
    }

    static Stream<Arguments> strategicMergePatches() {
        String pod = "{'spec':{'containers':[{'name':'app','image':'app:1','env':[{'name':'A','value':'1'}],"
                + "'ports':[{'containerPort':80}]},{'name':'istio-proxy','image':'proxy:1.5'}],"
                + "'volumes':[{'name':'v1'}]},'metadata':{'finalizers':['a']}}";
        return Stream.of(
                Arguments.of("maps merge and null removes", "{'metadata':{'labels':{'a':'1','b':'2'}}}",
                        "{'metadata':{'labels':{'b':null,'c':'3'}}}", "{'metadata':{'labels':{'a':'1','c':'3'}}}"),
                Arguments.of("containers merge by name", pod,
                        "{'spec':{'containers':[{'name':'istio-proxy','image':'proxy:1.6'}]}}",
                        pod.replace("proxy:1.5", "proxy:1.6")),
                Arguments.of("env merges by name inside a container", pod,
                        "{'spec':{'containers':[{'name':'app','env':[{'name':'B','value':'2'},{'name':'A','value':'9'}]}]}}",
                        pod.replace("{'name':'A','value':'1'}", "{'name':'A','value':'9'},{'name':'B','value':'2'}")),
                Arguments.of("ports merge by containerPort", pod,
                        "{'spec':{'containers':[{'name':'app','ports':[{'containerPort':80,'name':'http'},{'containerPort':443}]}]}}",
                        pod.replace("[{'containerPort':80}]", "[{'containerPort':80,'name':'http'},{'containerPort':443}]")),
                Arguments.of("new container appended", pod,
                        "{'spec':{'containers':[{'name':'debug','image':'busybox'}]}}",
                        pod.replace("'image':'proxy:1.5'}]", "'image':'proxy:1.5'},{'name':'debug','image':'busybox'}]")),
                Arguments.of("$patch delete removes a list element", pod,
                        "{'spec':{'containers':[{'name':'istio-proxy','$patch':'delete'}]}}",
                        pod.replace(",{'name':'istio-proxy','image':'proxy:1.5'}", "")),
                Arguments.of("$patch replace replaces a list", pod,
                        "{'spec':{'volumes':[{'name':'v2'},{'$patch':'replace'}]}}",
                        pod.replace("{'name':'v1'}", "{'name':'v2'}")),
                Arguments.of("unkeyed lists replace", "{'spec':{'args':['a','b']}}", "{'spec':{'args':['c']}}",
                        "{'spec':{'args':['c']}}"),
                Arguments.of("finalizers merge as a set", pod, "{'metadata':{'finalizers':['b','a']}}",
                        pod.replace("['a']", "['a','b']")),
                Arguments.of("$deleteFromPrimitiveList", pod, "{'metadata':{'$deleteFromPrimitiveList/finalizers':['a']}}",
                        pod.replace("['a']", "[]")),
                Arguments.of("$setElementOrder is honoured and not stored", pod,
                        "{'spec':{'$setElementOrder/containers':[{'name':'istio-proxy'},{'name':'app'}],"
                                + "'containers':[{'name':'app','image':'app:2'}]}}",
                        "{'spec':{'containers':[{'name':'istio-proxy','image':'proxy:1.5'},{'name':'app','image':'app:2',"
                                + "'env':[{'name':'A','value':'1'}],'ports':[{'containerPort':80}]}],"
                                + "'volumes':[{'name':'v1'}]},'metadata':{'finalizers':['a']}}"),
                Arguments.of("$retainKeys clears the others", "{'spec':{'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1}}}}",
                        "{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate'}}}",
                        "{'spec':{'strategy':{'type':'Recreate'}}}"),
                Arguments.of("$patch replace on a map", "{'spec':{'selector':{'a':'1','b':'2'}}}",
                        "{'spec':{'selector':{'$patch':'replace','c':'3'}}}", "{'spec':{'selector':{'c':'3'}}}"),
                Arguments.of("rollout restart annotation", "{'spec':{'template':{'metadata':{'labels':{'app':'x'}}}}}",
                        "{'spec':{'template':{'metadata':{'annotations':{'kubectl.kubernetes.io/restartedAt':'2025-01-01T00:00:00Z'}}}}}",
                        "{'spec':{'template':{'metadata':{'labels':{'app':'x'},'annotations':"
                                + "{'kubectl.kubernetes.io/restartedAt':'2025-01-01T00:00:00Z'}}}}}"),
                Arguments.of("conditions merge by type", "{'status':{'conditions':[{'type':'Ready','status':'False'},{'type':'A','status':'True'}]}}",
                        "{'status':{'conditions':[{'type':'Ready','status':'True'}]}}",
                        "{'status':{'conditions':[{'type':'Ready','status':'True'},{'type':'A','status':'True'}]}}"),
                Arguments.of("service ports merge by port", "{'spec':{'ports':[{'port':80,'name':'http'}]}}",
                        "{'spec':{'ports':[{'port':80,'targetPort':8080}]}}",
                        "{'spec':{'ports':[{'port':80,'name':'http','targetPort':8080}]}}"),
                Arguments.of("nulls in new maps are dropped", "{}", "{'metadata':{'labels':{'a':null,'b':'1'}}}",
                        "{'metadata':{'labels':{'b':'1'}}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategicMergePatches")
    void strategicMergePatch(String name, String before, String patch, String after) {
        ObjectNode result = StrategicMergePatch.apply((ObjectNode) json(before), json(patch));
        assertThat(result).isEqualTo(json(after));
    }
}
