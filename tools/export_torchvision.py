#!/usr/bin/python3
"""Export torchvision classifiers (and a few small reference networks) to ONNX for Shears' interop tests.

Models get deterministic random weights (no downloads happen here) and are exported in eval mode
with constant folding, which folds BatchNormalization into the preceding Conv. A model file that
already exists in the output folder is kept, so the folder works as a cache.

Usage: tools/export_torchvision.py --out DIR [--opset 13] [--size 224] [--dynamic-batch]
                                   [--dynamic-sequence] [--external-data] MODEL [MODEL ...]
MODEL is a torchvision.models name (resnet18, vit_b_16, ...) or one of: transformer_encoder,
upsample_net, convtranspose_net, mlp_784, vit_tiny.
--size sets the image side (vision transformers are built for it); a size other than 224 is
part of the file name (_s64). --dynamic-sequence makes the token axis of transformer_encoder
symbolic ("sequence"), so shapes computed from it stay computed in the exported graph.
"""
import argparse
import os
import sys
import tempfile

import torch
import torch.nn as nn
import torchvision


class TransformerEncoderNet(nn.Module):
    """A small text-style Transformer encoder: token embedding, two encoder layers, mean pooling."""

    def __init__(self, vocab=1000, d_model=128, heads=4, layers=2, classes=10):
        super().__init__()
        self.embed = nn.Embedding(vocab, d_model)
        layer = nn.TransformerEncoderLayer(d_model, heads, dim_feedforward=4 * d_model, batch_first=True,
                                           activation="gelu")
        self.encoder = nn.TransformerEncoder(layer, layers)
        self.norm = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, classes)

    def forward(self, tokens):
        x = self.encoder(self.embed(tokens))
        return self.head(self.norm(x).mean(dim=1))


def vit_tiny():
    """torchvision's VisionTransformer at toy size (32×32 images, 16 patches, 2 layers of 4 heads):
    the export of vit_b_16, class token and all, in a few hundred kilobytes."""
    return torchvision.models.VisionTransformer(image_size=32, patch_size=8, num_layers=2, num_heads=4,
                                                hidden_dim=64, mlp_dim=128, num_classes=10)


class UpsampleNet(nn.Module):
    """Conv, nearest upsampling and a concat skip: exercises Upsample/Resize across opsets."""

    def __init__(self):
        super().__init__()
        self.down = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.up = nn.Upsample(scale_factor=2, mode="nearest")
        self.fuse = nn.Conv2d(11, 4, 1)

    def forward(self, x):
        return self.fuse(torch.cat([self.up(torch.relu(self.down(x))), x], dim=1))


class ConvTransposeNet(nn.Module):
    """Encoder-decoder with a strided ConvTranspose and padding."""

    def __init__(self):
        super().__init__()
        self.enc = nn.Conv2d(3, 16, 3, stride=2, padding=1)
        self.dec = nn.ConvTranspose2d(16, 8, 3, stride=2, padding=1, output_padding=1)
        self.head = nn.Conv2d(8, 2, 1)

    def forward(self, x):
        return self.head(torch.relu(self.dec(torch.relu(self.enc(x)))))


class Mlp784(nn.Module):
    """The seed's MLP: 784-128-10 with ReLU."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x.flatten(1))))


CUSTOM = {
    "transformer_encoder": (TransformerEncoderNet, lambda b, s: torch.randint(0, 1000, (b, 32))),
    "upsample_net": (UpsampleNet, lambda b, s: torch.randn(b, 3, 32, 32)),
    "convtranspose_net": (ConvTransposeNet, lambda b, s: torch.randn(b, 3, 32, 32)),
    "mlp_784": (Mlp784, lambda b, s: torch.randn(b, 1, 28, 28)),
    "vit_tiny": (vit_tiny, lambda b, s: torch.randn(b, 3, 32, 32)),
}


def build(name, size):
    if name in CUSTOM:
        cls, make_input = CUSTOM[name]
        return cls(), make_input(1, size)
    builder = getattr(torchvision.models, name, None)
    if builder is None:
        raise SystemExit(f"error: unknown model '{name}'")
    kwargs = {}
    if name.startswith("inception_v3") or name == "googlenet":
        kwargs["aux_logits"] = False
        kwargs["init_weights"] = True
    if name.startswith("vit_"):
        kwargs["image_size"] = size
    side = 299 if name.startswith("inception_v3") else size
    return builder(weights=None, **kwargs), torch.randn(1, 3, side, side)


def randomize_zero_weights(model):
    """Give zero-initialised weight matrices (ViT's classification head) small random values.

    With an all-zero head every input maps to the same output, so tests comparing outputs would
    prove nothing.
    """
    with torch.no_grad():
        for parameter in model.parameters():
            if parameter.dim() >= 2 and not parameter.any():
                parameter.normal_(0.0, 0.02)


# Models whose input axis 1 is a token sequence.
SEQUENCE_MODELS = {"transformer_encoder"}


def export(name, out_dir, opset, size, dynamic_batch, dynamic_sequence, external_data):
    if dynamic_sequence and name not in SEQUENCE_MODELS:
        raise SystemExit(f"error: --dynamic-sequence needs a sequence model ({', '.join(sorted(SEQUENCE_MODELS))}), not '{name}'")
    suffix = (f"_op{opset}" + (f"_s{size}" if size != 224 else "") + ("_dyn" if dynamic_batch else "")
              + ("_seq" if dynamic_sequence else "") + ("_ext" if external_data else ""))
    target = os.path.join(out_dir, f"{name}{suffix}.onnx")
    if os.path.exists(target):
        return target
    torch.manual_seed(0)
    model, example = build(name, size)
    model.eval()
    randomize_zero_weights(model)
    axes = None
    if dynamic_batch or dynamic_sequence:
        input_axes = ({0: "batch"} if dynamic_batch else {}) | ({1: "sequence"} if dynamic_sequence else {})
        axes = {"input": input_axes, "output": {0: "batch"} if dynamic_batch else {}}
    # Export to a temporary name first so an interrupted export never leaves a partial cache entry.
    fd, temporary = tempfile.mkstemp(suffix=".onnx", dir=out_dir)
    os.close(fd)
    try:
        # Gradients stay enabled: under no_grad, eval-mode attention takes a fused fast path
        # (aten::_native_multi_head_attention) that the ONNX exporter cannot translate.
        torch.onnx.export(model, example, temporary, opset_version=opset, do_constant_folding=True,
                          input_names=["input"], output_names=["output"], dynamic_axes=axes)
        if external_data:
            import onnx
            loaded = onnx.load(temporary)
            data_name = os.path.basename(target) + ".data"
            onnx.save_model(loaded, temporary, save_as_external_data=True, all_tensors_to_one_file=True,
                            location=data_name, size_threshold=1024)
            os.replace(os.path.join(out_dir, data_name), os.path.join(out_dir, data_name))
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
    return target


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--opset", type=int, default=13)
    parser.add_argument("--size", type=int, default=224)
    parser.add_argument("--dynamic-batch", action="store_true")
    parser.add_argument("--dynamic-sequence", action="store_true")
    parser.add_argument("--external-data", action="store_true")
    parser.add_argument("models", nargs="+")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    for name in args.models:
        print(export(name, args.out, args.opset, args.size, args.dynamic_batch, args.dynamic_sequence, args.external_data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
