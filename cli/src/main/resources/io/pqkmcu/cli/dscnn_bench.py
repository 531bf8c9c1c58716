#!/usr/bin/env python3
"""PyTorch baseline for `pqk bench train`: the same DS-CNN, batch, optimizer and thread count.

Trains the MLPerf Tiny / Hello Edge DS-CNN-S (conv 64 (10,4)/2 + BN + ReLU, 4 x [depthwise 3x3 + BN +
ReLU + pointwise 64 + BN + ReLU], average pool, dense 12, dropout 0.2 / 0.4) on random 49x10 inputs
with Adam, and reports training and inference samples per second as one JSON line, each with the CPU
other processes used while it was timed (cores, from /proc/stat minus this process's /proc/self/stat;
null where /proc is missing). Run by `pqk bench train` in the same session as the Java measurement so
that the two share the machine state.
"""
import argparse
import json
import time

import torch
import torch.nn as nn


def ds_cnn(width=64, blocks=4, classes=12):
    layers = [nn.ZeroPad2d((1, 1, 4, 5)),  # TFLite "SAME" for 49x10, kernel (10,4), stride 2
              nn.Conv2d(1, width, (10, 4), stride=2, bias=False), nn.BatchNorm2d(width, eps=1e-3), nn.ReLU(),
              nn.Dropout(0.2)]
    for _ in range(blocks):
        layers += [nn.Conv2d(width, width, 3, padding=1, groups=width, bias=False), nn.BatchNorm2d(width, eps=1e-3),
                   nn.ReLU(), nn.Conv2d(width, width, 1, bias=False), nn.BatchNorm2d(width, eps=1e-3), nn.ReLU()]
    layers += [nn.Dropout(0.4), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(width, classes)]
    return nn.Sequential(*layers)


TICKS_PER_SECOND = 100  # USER_HZ of /proc/stat and /proc/self/stat on Linux


def cpu_sample():
    """(machine busy ticks, this process's ticks, time), or None without /proc (as CpuLoad.java)."""
    try:
        with open("/proc/stat") as f:
            cpu = f.readline().split()
        with open("/proc/self/stat") as f:
            own = f.read()
    except OSError:
        return None
    busy = sum(int(cpu[i]) for i in (1, 2, 3, 6, 7, 8) if i < len(cpu))  # user nice system irq softirq steal
    fields = own[own.rindex(")") + 1:].split()  # fields[0] is field 3 (state)
    return busy, int(fields[14 - 3]) + int(fields[15 - 3]), time.perf_counter()


def other_cores(a, b):
    if a is None or b is None or b[2] <= a[2]:
        return None
    return round(max(0.0, ((b[0] - a[0]) - (b[1] - a[1])) / TICKS_PER_SECOND / (b[2] - a[2])), 3)


def measure(step, batch, seconds, warmup):
    """(samples per second, other processes' CPU in cores) over the timed steps."""
    for _ in range(warmup):
        step()
    n = 0
    before = cpu_sample()
    start = time.perf_counter()
    while True:
        step()
        n += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return n * batch / elapsed, other_cores(before, cpu_sample())


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--batch", type=int, default=100)
    p.add_argument("--seconds", type=float, default=10.0)
    p.add_argument("--warmup", type=int, default=5)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    model = ds_cnn()
    x = torch.randn(a.batch, 1, 49, 10)
    y = torch.randint(0, 12, (a.batch,))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()

    def train_step():
        opt.zero_grad(set_to_none=True)
        loss_fn(model(x), y).backward()
        opt.step()

    model.train()
    train, train_other = measure(train_step, a.batch, a.seconds, a.warmup)
    model.eval()
    with torch.no_grad():
        infer, infer_other = measure(lambda: model(x), a.batch, a.seconds, a.warmup)
    print(json.dumps({"framework": "pytorch " + torch.__version__, "threads": a.threads, "batch": a.batch,
                      "train_samples_per_s": round(train, 1), "inference_samples_per_s": round(infer, 1),
                      "train_other_cpu": train_other, "inference_other_cpu": infer_other}))


if __name__ == "__main__":
    main()
