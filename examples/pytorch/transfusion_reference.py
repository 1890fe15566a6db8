#!/usr/bin/env python3
"""A plain-PyTorch reference of the transfusion model, for continuing training or serving a checkpoint in PyTorch.

It reads a checkpoint's model.safetensors by hand (8-byte little-endian header length, JSON header, raw
little-endian data) together with the config stored in its metadata, rebuilds the network -- Llama-style blocks
(pre-RMSNorm, SwiGLU, RoPE with raster or grid patch positions), the timestep MLP and the linear patch
encoder/decoder (plain, or with overlapping windows) -- and runs one document: text tokens followed by one noisy image, under the Transfusion mask
(causal text, bidirectional image). It returns the next-token logits at every text position and the denoiser's
prediction for the image, in latent space.

Supported: image.encoder.type linear (any overlap), image.codec.type pixels, attention.type transfusion or causal. Other
components raise an error naming them.

Command line (needs only torch):
    python3 transfusion_reference.py CHECKPOINT_DIR INPUTS.safetensors OUTPUTS.safetensors
INPUTS holds "tokens" (T,) as float32 ids, "noisy" (1, C, H, W) and "time" (1,) (the objective's model time).
OUTPUTS receives "logits" (T, V) and "pred" (1, C, H, W). When INPUTS also holds the Java side's "logits" and
"pred", the largest differences are printed and the exit code is 1 if either exceeds --tolerance (1e-4).
"""
import argparse
import json
import math
import os
import struct
import sys

import torch
import torch.nn.functional as F

DTYPES = {"F32": torch.float32, "F64": torch.float64, "I32": torch.int32, "I64": torch.int64}
DTYPE_NAMES = {v: k for k, v in DTYPES.items()}


def read_safetensors(path):
    """(tensors, metadata) of a .safetensors file."""
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n).decode("utf-8"))
        data = f.read()
    meta = header.pop("__metadata__", {}) or {}
    tensors = {}
    for name, info in header.items():
        if info["dtype"] not in DTYPES:
            raise ValueError(f"{path}: tensor {name} has dtype {info['dtype']}, expected one of {list(DTYPES)}")
        start, end = info["data_offsets"]
        t = torch.frombuffer(bytearray(data[start:end]), dtype=DTYPES[info["dtype"]])
        tensors[name] = t.reshape(info["shape"]).clone()
    return tensors, meta


def write_safetensors(path, tensors):
    """Writes float32 tensors as a .safetensors file."""
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        b = t.detach().to(torch.float32).contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    h = json.dumps(header).encode("utf-8")
    h += b" " * ((8 - len(h) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)))
        f.write(h)
        for b in blobs:
            f.write(b)


def parse_yaml(text):
    """The block-YAML subset transfusion writes (nested maps of scalars); list items are kept as strings."""
    root = {}
    stack = [(-1, root)]
    for raw in text.splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        line = raw.strip()
        while stack and indent <= stack[-1][0]:
            stack.pop()
        parent = stack[-1][1]
        if line.startswith("- "):
            continue  # lists (e.g. dataset files) are not needed to build the network
        key, _, value = line.partition(":")
        value = value.strip()
        if value == "":
            child = {}
            parent[key.strip()] = child
            stack.append((indent, child))
        else:
            parent[key.strip()] = scalar(value)
    return root


def scalar(v):
    if v.startswith(("'", '"')) and v.endswith(v[0]):
        return v[1:-1]
    if v in ("true", "false"):
        return v == "true"
    for cast in (int, float):
        try:
            return cast(v)
        except ValueError:
            pass
    return v


class Reference(torch.nn.Module):
    """The transfusion network with the checkpoint's parameter names (see the module docstring)."""

    def __init__(self, config, weights):
        super().__init__()
        model, image = config["model"], config["image"]
        encoder = image.get("encoder", {}).get("type", "linear")
        codec = image.get("codec", {}).get("type", "pixels")
        mask = config.get("attention", {}).get("type", "transfusion")
        if encoder != "linear" or codec != "pixels" or mask not in ("transfusion", "causal"):
            raise ValueError(f"this reference supports image.encoder linear, image.codec pixels and attention "
                             f"transfusion/causal; the checkpoint uses {encoder}, {codec}, {mask}")
        self.w = {k: v for k, v in weights.items()}
        self.dim, self.heads = model["dim"], model["heads"]
        self.layers, self.eps = model["layers"], float(model["norm_eps"])
        self.theta = float(model["rope_theta"])
        self.grid_positions = str(model.get("patch_positions", "raster")).lower() == "grid"
        self.tied = bool(model.get("tie_embeddings", False))
        self.patch = image["encoder"]["patch"]
        self.overlap = int(image["encoder"].get("overlap", 0))  # > 0: each patch reads and writes a wider window
        self.size, self.channels = image["size"], image.get("channels", 3)
        self.bidirectional_image = mask == "transfusion"

    def linear(self, name, x):
        b = self.w.get(name + ".bias")
        return F.linear(x, self.w[name + ".weight"], b)

    def rms_norm(self, name, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.w[name + ".weight"]

    def time_embedding(self, t):
        freqs = torch.exp(-math.log(10000.0) * torch.arange(128, dtype=torch.float32) / 128)
        args = t[:, None] * freqs[None, :]
        feats = torch.cat([torch.cos(args), torch.sin(args)], dim=1)
        return self.linear("time_embed.mlp.2", F.silu(self.linear("time_embed.mlp.0", feats)))

    def rope_tables(self, text_len, patches):
        """cos, sin (L, D/2): pair i turns with coordinate i mod 3 of (sequence, row, column)."""
        half = self.dim // self.heads // 2
        freq = torch.tensor([self.theta ** (-2.0 * i / (2 * half)) for i in range(half)], dtype=torch.float64)
        width = int(round(math.sqrt(patches)))
        coords = []
        for p in range(text_len + patches):
            if p >= text_len and self.grid_positions:
                k = p - text_len
                coords.append((p, text_len + k // width, text_len + k % width))
            else:
                coords.append((p, p, p))
        c = torch.tensor(coords, dtype=torch.float64)  # (L, 3)
        angle = c[:, torch.arange(half) % 3] * freq[None, :]
        return torch.cos(angle).float(), torch.sin(angle).float()

    @staticmethod
    def rope(x, cos, sin):
        half = x.shape[-1] // 2
        x1, x2 = x[..., :half], x[..., half:]
        return torch.cat([x1 * cos - x2 * sin, x2 * cos + x1 * sin], dim=-1)

    def forward(self, tokens, noisy, time):
        """tokens (T,) long, noisy (1, C, H, W), time (1,) -> logits (T, V), pred (1, C, H, W)."""
        k, n = self.patch, noisy.shape[0]
        g = self.size // k
        t_len, patches = tokens.shape[0], g * g
        temb = self.time_embedding(time)  # (1, dim)
        if self.overlap:
            conv = F.conv2d(noisy, self.w["image.patch_in.weight"], self.w["image.patch_in.bias"], stride=k,
                            padding=self.overlap)  # (N, dim, g, g)
            img = conv.reshape(n, self.dim, patches).transpose(1, 2) + temb[:, None, :]
        else:
            p = noisy.reshape(n, self.channels, g, k, g, k).permute(0, 2, 4, 1, 3, 5).reshape(n, patches, -1)
            img = self.linear("image.patch_in", p) + temb[:, None, :]
        if "image.pos_embed" in self.w:
            img = img + self.w["image.pos_embed"]
        x = torch.cat([self.w["tok_embeddings.weight"][tokens], img[0]], dim=0)[None]  # (1, L, dim)
        length = t_len + patches
        allowed = torch.tril(torch.ones(length, length, dtype=torch.bool))
        if self.bidirectional_image:
            allowed[t_len:, t_len:] = True
        mask = torch.zeros(length, length).masked_fill(~allowed, float("-inf"))
        cos, sin = self.rope_tables(t_len, patches)
        hd = self.dim // self.heads
        h = x
        for i in range(self.layers):
            pre = f"layers.{i}."
            a = self.rms_norm(pre + "attention_norm", h)

            def split(y):
                return y.reshape(1, length, self.heads, hd).transpose(1, 2)

            q = self.rope(split(self.linear(pre + "attention.wq", a)), cos, sin)
            kk = self.rope(split(self.linear(pre + "attention.wk", a)), cos, sin)
            v = split(self.linear(pre + "attention.wv", a))
            scores = (q * (1.0 / math.sqrt(hd))) @ kk.transpose(-1, -2) + mask
            y = (torch.softmax(scores, dim=-1) @ v).transpose(1, 2).reshape(1, length, self.dim)
            h = h + self.linear(pre + "attention.wo", y)
            f = self.rms_norm(pre + "ffn_norm", h)
            ff = pre + "feed_forward."
            h = h + self.linear(ff + "w2", F.silu(self.linear(ff + "w1", f)) * self.linear(ff + "w3", f))
        h = self.rms_norm("norm", h)[0]  # (L, dim)
        head = self.w["tok_embeddings.weight"] if self.tied else self.w["output.weight"]
        logits = h[:t_len] @ head.T
        if self.overlap:
            y = h[t_len:].T.reshape(1, self.dim, g, g)
            pred = F.conv_transpose2d(y, self.w["image.patch_out.weight"], self.w["image.patch_out.bias"], stride=k,
                                      padding=self.overlap)
        else:
            y = self.linear("image.patch_out", h[t_len:])[None]  # (1, P, C*k*k)
            pred = y.reshape(n, g, g, self.channels, k, k).permute(0, 3, 1, 4, 2, 5).reshape(
                n, self.channels, self.size, self.size)
        return logits, pred


def load(checkpoint_dir):
    """The Reference network of a checkpoint folder (its model.safetensors and embedded config)."""
    weights, meta = read_safetensors(os.path.join(checkpoint_dir, "model.safetensors"))
    if "config" not in meta:
        raise ValueError(f"{checkpoint_dir}/model.safetensors carries no config in its metadata")
    return Reference(parse_yaml(meta["config"]), weights)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("checkpoint")
    ap.add_argument("inputs")
    ap.add_argument("outputs")
    ap.add_argument("--tolerance", type=float, default=1e-4)
    args = ap.parse_args()
    torch.set_grad_enabled(False)
    net = load(args.checkpoint)
    inputs, _ = read_safetensors(args.inputs)
    logits, pred = net(inputs["tokens"].long(), inputs["noisy"], inputs["time"])
    write_safetensors(args.outputs, {"logits": logits, "pred": pred})
    worst = 0.0
    for name, ours in (("logits", logits), ("pred", pred)):
        if name in inputs:
            diff = (ours - inputs[name]).abs().max().item()
            print(f"{name}: max |pytorch - java| = {diff:.3g} (values up to {inputs[name].abs().max().item():.3g})")
            worst = max(worst, diff)
    sys.exit(1 if worst > args.tolerance else 0)


if __name__ == "__main__":
    main()
