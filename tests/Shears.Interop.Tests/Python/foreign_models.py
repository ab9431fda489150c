#!/usr/bin/python3
"""Builds small ONNX models in the forms other producers write, with deterministic weights.

  foreign_models.py external OUT         a conv net saved with onnx.save(save_as_external_data=True);
                                         Constant-node tensors go to the data file too
  foreign_models.py fp16 OUT             a conv net whose weights are float16 initializers (numpy astype)
                                         and whose graph computes in float16 between two Casts
  foreign_models.py converter OPSET OUT  TensorFlow-to-ONNX / CNTK patterns: Pad before Conv (attribute
                                         form below opset 11, input form from 11), BatchNormalization
                                         (with `spatial` below opset 9), Flatten written as
                                         Shape→Gather→Unsqueeze→Concat→Reshape, Gemm with transA and transB
  foreign_models.py paddle OPSET OUT     PaddlePaddle-converter style: every weight in a Constant node,
                                         symbolic height and width, hard-swish as Add/Clip/Mul/Div
Prints one JSON line with facts the tests check (parameter counts and the like).
"""
import json
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

IR_FOR_OPSET = {7: 3, 8: 3, 9: 4, 10: 5, 11: 6, 12: 7, 13: 7, 14: 7, 15: 8, 16: 8, 17: 8, 18: 8, 19: 9, 20: 9, 21: 10}


def weights(seed, *shape):
    return np.random.RandomState(seed).uniform(-0.5, 0.5, shape).astype(np.float32)


def model_of(graph, opset):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], producer_name="foreign_models.py")
    model.ir_version = IR_FOR_OPSET[opset]
    return model


def conv_net(dtype=np.float32, prefix=""):
    """Nodes and initializers of conv(3→8) · relu · conv(8→6) · relu · global pool · flatten."""
    init = [
        numpy_helper.from_array(weights(1, 8, 3, 3, 3).astype(dtype), prefix + "w1"),
        numpy_helper.from_array(weights(2, 8).astype(dtype), prefix + "b1"),
        numpy_helper.from_array(weights(3, 6, 8, 3, 3).astype(dtype), prefix + "w2"),
        numpy_helper.from_array(weights(4, 6).astype(dtype), prefix + "b2"),
    ]
    nodes = [
        helper.make_node("Conv", ["x", prefix + "w1", prefix + "b1"], ["c1"], name="conv1", pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["c1"], ["r1"], name="relu1"),
        helper.make_node("Conv", ["r1", prefix + "w2", prefix + "b2"], ["c2"], name="conv2", pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["c2"], ["r2"], name="relu2"),
        helper.make_node("GlobalAveragePool", ["r2"], ["pooled"], name="pool"),
        helper.make_node("Flatten", ["pooled"], ["y"], name="flatten"),
    ]
    return nodes, init


def external(out):
    nodes, init = conv_net()
    # A weight-sized Constant node, as some exporters write: its tensor goes external as well.
    scale = numpy_helper.from_array(weights(5, 1, 6).astype(np.float32) + 1.0, "scale")
    nodes.append(helper.make_node("Constant", [], ["scale"], name="scale_constant", value=scale))
    nodes[-2].output[0] = "flat"
    nodes.append(helper.make_node("Mul", ["flat", "scale"], ["y"], name="scale_mul"))
    graph = helper.make_graph(nodes, "external", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 8, 8])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 6])], initializer=init)
    model = model_of(graph, 13)
    data = out.split("/")[-1] + ".data"
    onnx.save(model, out, save_as_external_data=True, all_tensors_to_one_file=True, location=data,
              size_threshold=0, convert_attribute=True)
    print(json.dumps({"data": data}))


def fp16(out):
    nodes, init = conv_net(np.float16)
    nodes[0].input[0] = "x16"
    nodes[-1].output[0] = "y16"
    nodes.insert(0, helper.make_node("Cast", ["x"], ["x16"], name="to_half", to=TensorProto.FLOAT16))
    nodes.append(helper.make_node("Cast", ["y16"], ["y"], name="to_float", to=TensorProto.FLOAT))
    graph = helper.make_graph(nodes, "fp16", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, 8, 8])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 6])], initializer=init)
    onnx.save(model_of(graph, 13), out)
    print(json.dumps({"parameters": int(sum(np.prod(t.dims) for t in init))}))


def converter(opset, out):
    init = [
        numpy_helper.from_array(weights(11, 8, 3, 3, 3), "conv1/W"),
        numpy_helper.from_array(weights(12, 8), "conv1/B"),
        numpy_helper.from_array(weights(13, 8) + 1.5, "bn/scale"),
        numpy_helper.from_array(weights(14, 8), "bn/bias"),
        numpy_helper.from_array(weights(15, 8), "bn/mean"),
        numpy_helper.from_array(weights(16, 8) + 1.0, "bn/var"),
        numpy_helper.from_array(weights(17, 16, 8, 3, 3), "conv2/W"),
        numpy_helper.from_array(weights(18, 32, 256), "fc1/W"),
        numpy_helper.from_array(weights(19, 32), "fc1/B"),
        numpy_helper.from_array(weights(20, 32, 10), "fc2/W"),
        numpy_helper.from_array(weights(21, 10), "fc2/B"),
        numpy_helper.from_array(np.array([-1], dtype=np.int64), "minus_one"),
        numpy_helper.from_array(np.array(0, dtype=np.int64), "zero"),
    ]
    pads = [0, 0, 1, 1, 0, 0, 1, 1]

    def pad(source, target, name):
        if opset < 11:
            return [helper.make_node("Pad", [source], [target], name=name, pads=pads, mode="constant", value=0.0)]
        init.append(numpy_helper.from_array(np.array(pads, dtype=np.int64), name + "/pads"))
        return [helper.make_node("Pad", [source, name + "/pads"], [target], name=name, mode="constant")]

    def unsqueeze(source, target):
        if opset < 13:
            return helper.make_node("Unsqueeze", [source], [target], name="flatten/unsqueeze", axes=[0])
        init.append(numpy_helper.from_array(np.array([0], dtype=np.int64), "axes0"))
        return helper.make_node("Unsqueeze", [source, "axes0"], [target], name="flatten/unsqueeze")

    bn_attributes = {"epsilon": 1e-3}
    if opset < 9:
        bn_attributes["spatial"] = 1
    nodes = pad("x", "p1", "pad1") + [
        helper.make_node("Conv", ["p1", "conv1/W", "conv1/B"], ["c1"], name="conv1"),
        helper.make_node("BatchNormalization", ["c1", "bn/scale", "bn/bias", "bn/mean", "bn/var"], ["n1"], name="bn", **bn_attributes),
        helper.make_node("Relu", ["n1"], ["r1"], name="relu1"),
    ] + pad("r1", "p2", "pad2") + [
        helper.make_node("Conv", ["p2", "conv2/W"], ["c2"], name="conv2"),
        helper.make_node("Relu", ["c2"], ["r2"], name="relu2"),
        helper.make_node("MaxPool", ["r2"], ["m2"], name="pool", kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Shape", ["m2"], ["m2_shape"], name="flatten/shape"),
        helper.make_node("Gather", ["m2_shape", "zero"], ["batch"], name="flatten/gather", axis=0),
        unsqueeze("batch", "batch_1d"),
        helper.make_node("Concat", ["batch_1d", "minus_one"], ["flat_shape"], name="flatten/concat", axis=0),
        helper.make_node("Reshape", ["m2", "flat_shape"], ["flat"], name="flatten/reshape"),
        helper.make_node("Gemm", ["flat", "fc1/W", "fc1/B"], ["h"], name="fc1", transB=1),
        helper.make_node("Relu", ["h"], ["hr"], name="relu3"),
        helper.make_node("Transpose", ["hr"], ["ht"], name="transpose", perm=[1, 0]),
        helper.make_node("Gemm", ["ht", "fc2/W", "fc2/B"], ["y"], name="fc2", transA=1),
    ]
    graph = helper.make_graph(nodes, "converter", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 3, 8, 8])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 10])], initializer=init)
    onnx.save(model_of(graph, opset), out)
    print(json.dumps({"opset": opset}))


def paddle(opset, out):
    nodes = []
    constants = []

    def constant(name, array):
        constants.append(array)
        nodes.append(helper.make_node("Constant", [], [name], name=name + "_node", value=numpy_helper.from_array(array, name)))
        return name

    def conv(source, target, seed, cin, cout, k, stride=1):
        w = constant(target + ".w", weights(seed, cout, cin, k, k))
        b = constant(target + ".b", weights(seed + 100, cout))
        nodes.append(helper.make_node("Conv", [source, w, b], [target], name=target, kernel_shape=[k, k],
                                      pads=[k // 2] * 4, strides=[stride, stride]))
        return target

    def batch_norm(source, target, seed, c):
        scale = constant(target + ".scale", weights(seed, c) + 1.5)
        bias = constant(target + ".bias", weights(seed + 1, c))
        mean = constant(target + ".mean", weights(seed + 2, c))
        var = constant(target + ".var", weights(seed + 3, c) + 1.0)
        nodes.append(helper.make_node("BatchNormalization", [source, scale, bias, mean, var], [target], name=target, epsilon=1e-5))
        return target

    def hard_swish(source, target):
        three = constant(target + ".three", np.array([3.0], dtype=np.float32))
        six = constant(target + ".six", np.array([6.0], dtype=np.float32))
        nodes.append(helper.make_node("Add", [source, three], [target + ".shifted"], name=target + ".add"))
        if opset < 11:
            nodes.append(helper.make_node("Clip", [target + ".shifted"], [target + ".clipped"], name=target + ".clip", min=0.0, max=6.0))
        else:
            low = constant(target + ".min", np.array(0.0, dtype=np.float32))
            high = constant(target + ".max", np.array(6.0, dtype=np.float32))
            nodes.append(helper.make_node("Clip", [target + ".shifted", low, high], [target + ".clipped"], name=target + ".clip"))
        nodes.append(helper.make_node("Mul", [source, target + ".clipped"], [target + ".product"], name=target + ".mul"))
        nodes.append(helper.make_node("Div", [target + ".product", six], [target], name=target + ".div"))
        return target

    h = conv("x", "conv1", 31, 3, 16, 3, stride=2)
    h = batch_norm(h, "bn1", 41, 16)
    h = hard_swish(h, "hswish1")
    nodes.append(helper.make_node("MaxPool", [h], ["pool1"], name="pool1", kernel_shape=[2, 2], strides=[2, 2]))
    h = conv("pool1", "conv2", 32, 16, 24, 3)
    h = batch_norm(h, "bn2", 51, 24)
    h = hard_swish(h, "hswish2")
    h = conv(h, "conv3", 33, 24, 16, 1)
    nodes.append(helper.make_node("Relu", [h], ["relu3"], name="relu3"))
    h = conv("relu3", "head", 34, 16, 1, 1)
    nodes.append(helper.make_node("Sigmoid", [h], ["maps"], name="sigmoid"))
    graph = helper.make_graph(nodes, "paddle_like",
                              [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["p2o.DynamicDimension.0", 3, "p2o.DynamicDimension.1", "p2o.DynamicDimension.2"])],
                              [helper.make_tensor_value_info("maps", TensorProto.FLOAT, ["p2o.DynamicDimension.0", 1, "p2o.DynamicDimension.3", "p2o.DynamicDimension.4"])])
    model = model_of(graph, opset)
    model.producer_name = "PaddlePaddle"
    onnx.save(model, out)
    # Stored data, not single operator arguments (the hard-swish's 3 and 6, Clip's bounds).
    stored = [a for a in constants if a.size > 1]
    print(json.dumps({"parameters": int(sum(a.size for a in stored if a.dtype == np.float32)),
                      "weight_bytes": int(sum(a.nbytes for a in stored))}))


if __name__ == "__main__":
    kind = sys.argv[1]
    if kind == "external":
        external(sys.argv[2])
    elif kind == "fp16":
        fp16(sys.argv[2])
    elif kind == "converter":
        converter(int(sys.argv[2]), sys.argv[3])
    elif kind == "paddle":
        paddle(int(sys.argv[2]), sys.argv[3])
    else:
        sys.exit(f"unknown kind {kind}")
