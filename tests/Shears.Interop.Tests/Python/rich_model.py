#!/usr/bin/python3
"""Builds and compares ONNX models that carry everything Shears does not model, for round-trip tests.

  rich_model.py make OUT      writes a small runnable model with metadata, doc strings, a
                              model-local function (ModelProto field 25), training info (field 20),
                              an If node with sub-graph attributes, a graph quantization annotation,
                              value denotations, and a node field newer than onnx 1.12 (NodeProto
                              field 9, metadata_props) appended as raw protobuf bytes.
  rich_model.py compare A B   exits 0 when A and B are the same model, tensor storage aside
                              (float_data and raw_data holding the same values count as equal).
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

FUNCTION_DOMAIN = "local.shears"


def raw_field(number, payload):
    """A length-delimited protobuf field: tag, length, payload (lengths here stay below 128)."""
    assert len(payload) < 128
    return bytes([(number << 3) | 2, len(payload)]) + payload


def make(path):
    scaled_relu = helper.make_function(
        FUNCTION_DOMAIN, "DoubleRelu", inputs=["x"], outputs=["y"],
        nodes=[helper.make_node("Relu", ["x"], ["r"]), helper.make_node("Add", ["r", "r"], ["y"])],
        opset_imports=[helper.make_opsetid("", 13)])

    value = helper.make_tensor_value_info
    then_branch = helper.make_graph([helper.make_node("Identity", ["doubled"], ["kept"])], "then_branch", [],
                                    [value("kept", TensorProto.FLOAT, None)])
    else_branch = helper.make_graph([helper.make_node("Neg", ["doubled"], ["negated"])], "else_branch", [],
                                    [value("negated", TensorProto.FLOAT, None)])

    call = helper.make_node("DoubleRelu", ["input"], ["doubled"], name="double", domain=FUNCTION_DOMAIN,
                            doc_string="calls a model-local function")
    # NodeProto field 9 (metadata_props) arrived in onnx 1.16; onnx 1.12 keeps it as an unknown field.
    entry = raw_field(1, b"origin") + raw_field(2, b"rich_model.py")
    call = onnx.NodeProto.FromString(call.SerializeToString() + raw_field(9, entry))
    branch = helper.make_node("If", ["flag"], ["chosen"], name="branch", then_branch=then_branch, else_branch=else_branch)
    project = helper.make_node("MatMul", ["chosen", "weight"], ["output"], name="project")

    rng = np.random.default_rng(0)
    weight = numpy_helper.from_array(rng.standard_normal((4, 3)).astype(np.float32), "weight")
    weight.doc_string = "projection weights"
    flag = helper.make_tensor("flag", TensorProto.BOOL, [], [True])
    # float_data rather than raw_data: Shears reads both and writes raw_data.
    bias_like = helper.make_tensor("unused_float_data", TensorProto.FLOAT, [2], [0.5, -1.5])

    graph_input = value("input", TensorProto.FLOAT, ["batch", 4])
    graph_input.type.tensor_type.shape.dim[0].denotation = "DATA_BATCH"
    graph_input.doc_string = "features"
    graph = helper.make_graph([call, branch, project], "rich", [graph_input],
                              [value("output", TensorProto.FLOAT, ["batch", 3])],
                              initializer=[weight, flag, bias_like],
                              doc_string="a graph that carries what Shears does not model",
                              value_info=[value("doubled", TensorProto.FLOAT, ["batch", 4])])
    annotation = graph.quantization_annotation.add()
    annotation.tensor_name = "weight"
    annotation.quant_parameter_tensor_names.add(key="SCALE_TENSOR", value="weight_scale")

    model = helper.make_model(graph, producer_name="rich_model.py", producer_version="1",
                              opset_imports=[helper.make_opsetid("", 13), helper.make_opsetid(FUNCTION_DOMAIN, 1)])
    model.ir_version = 8
    model.domain = "ai.shears.tests"
    model.model_version = 7
    model.doc_string = "round-trip fixture"
    model.functions.append(scaled_relu)
    helper.set_model_props(model, {"author": "shears tests", "purpose": "unknown-field round trip"})
    training = model.training_info.add()
    training.algorithm.CopyFrom(helper.make_graph([helper.make_node("Identity", ["weight"], ["weight_next"])],
                                                  "training_step", [], [value("weight_next", TensorProto.FLOAT, [4, 3])]))
    training.update_binding.add(key="weight", value="weight_next")
    onnx.checker.check_model(model)
    onnx.save(model, path)


def canonical(path):
    model = onnx.load(path)
    for tensor in model.graph.initializer:
        array = numpy_helper.to_array(tensor)
        replacement = numpy_helper.from_array(array, tensor.name)
        replacement.doc_string = tensor.doc_string
        tensor.CopyFrom(replacement)
    return model


def compare(first, second):
    a, b = canonical(first), canonical(second)
    onnx.checker.check_model(b)
    if a.SerializeToString(deterministic=True) != b.SerializeToString(deterministic=True):
        sys.stderr.write(f"{first} and {second} differ:\n--- {first}\n{a}\n--- {second}\n{b}\n")
        return 1
    print("same")
    return 0


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "make":
        make(sys.argv[2])
        return 0
    if len(sys.argv) == 4 and sys.argv[1] == "compare":
        return compare(sys.argv[2], sys.argv[3])
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
