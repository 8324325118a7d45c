#!/usr/bin/python3
"""Checks exported models with the ONNX project's own checker (Debian's python3-onnx), shape inference included.

    /usr/bin/python3 eng/onnx/check.py MODEL.onnx...
"""
import sys
import onnx

for path in sys.argv[1:]:
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    print(f"{path}: valid ONNX (IR {model.ir_version}, opsets " + ", ".join(f"{o.domain or 'ai.onnx'} {o.version}" for o in model.opset_import) + ")")
