#!/usr/bin/python3
"""Writes libFuzzer seed corpora from the wire test vectors.

usage: make_seeds.py <tests/net/wire/test_vectors.cpp> <corpus dir>

Each vector frame becomes a seed of corpus/frame_decoder (prefixed with the two control bytes
fuzz_frame_decoder reads) and its payload a seed of corpus/msg_<command> (prefixed with the
protocol-version byte fuzz_message reads).
"""
import pathlib
import re
import sys

PVER_70016 = b"\x0c"  # index of 70016 in fuzz_common.hpp's version table


def vectors(source):
    # {"name", "hex" "hex" ...} entries; adjacent string literals are concatenated.
    for m in re.finditer(r'\{"(\w+)",\s*((?:"[0-9a-f]*"\s*)+)\}', source):
        yield m.group(1), bytes.fromhex("".join(re.findall(r'"([0-9a-f]*)"', m.group(2))))


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    out = pathlib.Path(argv[2])
    count = 0
    for name, frame in vectors(pathlib.Path(argv[1]).read_text()):
        command = frame[4:16].rstrip(b"\0").decode()
        frames = out / "frame_decoder"
        payloads = out / f"msg_{command}"
        frames.mkdir(parents=True, exist_ok=True)
        payloads.mkdir(parents=True, exist_ok=True)
        (frames / name).write_bytes(PVER_70016 + b"\x07" + frame)
        (payloads / name).write_bytes(PVER_70016 + frame[24:])
        count += 1
    if count == 0:
        sys.exit("no vectors found")
    print(f"{count} seeds written under {out}")


if __name__ == "__main__":
    main(sys.argv)
