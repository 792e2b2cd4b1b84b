#!/usr/bin/python3
"""Generates the bundled demo examples for `aigis scan` (README quick start).

benign/tiny_cnn.pt        a real torch.save checkpoint (state_dict of a tiny CNN)
benign/scaler.npy         a float NumPy array
malicious/evil_checkpoint.pt
                          a PyTorch zip checkpoint whose data.pkl runs a command on load
                          (harmless payload: it only creates a file named aigis_pwned_marker)
Deterministic: fixed seeds and zip timestamps. Requires python3-torch and python3-numpy.
"""
import io
import os
import zipfile

import numpy as np
import torch

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples")


class Payload:
    def __reduce__(self):
        return (os.system, ("touch aigis_pwned_marker",))


def fixed_zip(path, members):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            z.writestr(info, data)


def main():
    torch.manual_seed(0)
    os.makedirs(os.path.join(HERE, "benign"), exist_ok=True)
    os.makedirs(os.path.join(HERE, "malicious"), exist_ok=True)
    model = torch.nn.Sequential(
        torch.nn.Conv2d(1, 4, 3), torch.nn.ReLU(), torch.nn.Flatten(), torch.nn.Linear(4 * 6 * 6, 2))
    torch.save(model.state_dict(), os.path.join(HERE, "benign", "tiny_cnn.pt"))
    np.save(os.path.join(HERE, "benign", "scaler.npy"), np.arange(8, dtype=np.float32))

    # Same layout as torch.save, with the payload in data.pkl.
    import pickle
    data_pkl = pickle.dumps({"state_dict": {}, "hook": Payload()}, protocol=2)
    fixed_zip(os.path.join(HERE, "malicious", "evil_checkpoint.pt"), [
        ("evil_checkpoint/data.pkl", data_pkl),
        ("evil_checkpoint/version", b"3\n"),
        ("evil_checkpoint/byteorder", b"little"),
    ])


if __name__ == "__main__":
    main()
