#!/usr/bin/python3
"""Reference timings for the pipeline benchmark: the same MLP and LeNet-style CNN trained with
PyTorch (Debian python3-torch) on Fashion-MNIST, batch 128, Adam 1e-3, on this machine.
Prints one line per model: "<model> <threads> <median epoch seconds after the first> <test accuracy>".
Usage: torch_training.py [--threads T] [--epochs N] [--data DIR]"""
import argparse, gzip, os, struct, time

import numpy as np
import torch
from torch import nn


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def find(folder, stem):
    for name in (stem, stem + ".gz"):
        if os.path.exists(os.path.join(folder, name)):
            return os.path.join(folder, name)
    raise SystemExit(f"error: {stem} not found in {folder}")


def load(folder):
    x = read_idx(find(folder, "train-images-idx3-ubyte")).astype(np.float32) / 255
    y = read_idx(find(folder, "train-labels-idx1-ubyte")).astype(np.int64)
    tx = read_idx(find(folder, "t10k-images-idx3-ubyte")).astype(np.float32) / 255
    ty = read_idx(find(folder, "t10k-labels-idx1-ubyte")).astype(np.int64)
    mean, std = x.mean(), x.std()
    norm = lambda a: torch.from_numpy((a - mean) / std).unsqueeze(1)
    return norm(x), torch.from_numpy(y), norm(tx), torch.from_numpy(ty)


def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))


def cnn():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(1600, 128), nn.ReLU(), nn.Linear(128, 10))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--data", default=os.environ.get("SHEARS_DATA", "/usr/share/datasets/fashion-mnist"))
    parser.add_argument("--models", default="mlp,cnn")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    x, y, tx, ty = load(args.data)
    for name in args.models.split(","):
        model = {"mlp": mlp, "cnn": cnn}[name]()
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
        loss_fn = nn.CrossEntropyLoss()
        seconds = []
        for epoch in range(args.epochs):
            order = torch.randperm(len(x))
            start = time.perf_counter()
            model.train()
            for i in range(0, len(x), 128):
                idx = order[i:i + 128]
                optimizer.zero_grad()
                loss_fn(model(x[idx]), y[idx]).backward()
                optimizer.step()
            seconds.append(time.perf_counter() - start)
        model.eval()
        with torch.no_grad():
            accuracy = (model(tx).argmax(1) == ty).float().mean().item()
        later = sorted(seconds[1:]) or seconds
        print(f"{name} {args.threads} {later[len(later) // 2]:.3f} {accuracy:.4f}", flush=True)


if __name__ == "__main__":
    main()
