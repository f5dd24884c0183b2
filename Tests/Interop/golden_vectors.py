"""Golden wire vectors for every message in Protocol/, built by the reference protobuf library.

Python classes are generated from Protocol/ with grpc_tools.protoc into a temporary directory at
run time (generated code never enters the repository). Every message gets one fully-populated
instance built by a fixed rule, so the hand-written Swift fixtures
(Tests/TradingProtocolTests/GoldenFixtures*.swift) can state the same values:

- string: the field's proto name ("client_order_id"); repeated: [name, name + "_2"]
- int32/int64 (and sint/sfixed): -(number) / -(number * 1000000007)
- uint32/uint64 (and fixed): number * 1000 + 7 / number * 1000000007
- bool: true; double/float: number + 0.25
- enum: the highest-numbered value; repeated enum: [1, highest]
- message: filled by the same rule; repeated message: two filled elements
- map<string, string>: {name + "_a": "1", name + "_b": "2"}; map<string, M>: same keys, filled M
- proto3 optional scalar: set to zero (present)
- oneof: one vector per member, named "<full name>.<member>.bin"; nested oneofs use the first member
- google.protobuf.Timestamp: seconds 1764028800, nanos 123456789

Usage: golden_vectors.py --write DIR   (regenerate the checked-in files)
"""

import contextlib
import importlib
import importlib.util
import pathlib
import subprocess
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parents[2]
PROTOCOL = REPO / "Protocol"
GOLDEN_DIR = REPO / "Tests" / "TradingProtocolTests" / "Golden"
TIMESTAMP = (1764028800, 123456789)


def compile_protos(out_dir):
    """Generates Python classes for every .proto under Protocol/ into out_dir and imports them."""
    protos = sorted(str(p.relative_to(PROTOCOL)) for p in PROTOCOL.rglob("*.proto"))
    import grpc_tools
    builtin = pathlib.Path(grpc_tools.__file__).parent / "_proto"
    subprocess.run(
        [sys.executable, "-m", "grpc_tools.protoc", f"-I{PROTOCOL}", f"-I{builtin}",
         f"--python_out={out_dir}", *protos],
        check=True,
    )
    sys.path.insert(0, str(out_dir))
    modules = []
    for proto in protos:
        if proto == "grpc/health/v1/health.proto":
            modules.append(_health_module(pathlib.Path(out_dir) / "grpc/health/v1/health_pb2.py"))
            continue
        name = proto[: -len(".proto")].replace("/", ".") + "_pb2"
        modules.append(importlib.import_module(name))
    return modules


@contextlib.contextmanager
def generated_modules():
    """Compiles Protocol/ into a temporary directory and yields the imported modules.

    Afterwards the directory leaves sys.path and the generated `tradebot` modules leave
    sys.modules, so other interop tests in the same pytest process generate and import their own.
    """
    with tempfile.TemporaryDirectory() as tmp:
        before = set(sys.modules)
        try:
            yield compile_protos(tmp)
        finally:
            if tmp in sys.path:
                sys.path.remove(tmp)
            for name in set(sys.modules) - before:
                if name == "tradebot" or name.startswith("tradebot.") or name == "tradebot_golden_health_pb2":
                    del sys.modules[name]


def _health_module(generated):
    """The grpc.health.v1 classes.

    `grpc` is also grpcio's package name, and grpcio-health-checking registers the same proto file
    name in the default descriptor pool, so loading ours next to it would clash within one pytest
    process. When the official module is installed it is used (our schema must match the standard
    byte for byte anyway); otherwise ours is loaded from its file under a private module name.
    """
    try:
        from grpc_health.v1 import health_pb2
        return health_pb2
    except ImportError:
        spec = importlib.util.spec_from_file_location("tradebot_golden_health_pb2", generated)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module


def _is_repeated(field):
    if hasattr(field, "is_repeated"):
        return field.is_repeated
    return field.label == field.LABEL_REPEATED


def _real_oneof(field):
    oneof = field.containing_oneof
    if oneof is None:
        return None
    if len(oneof.fields) == 1 and oneof.name == "_" + field.name:
        return None  # proto3 optional (synthetic oneof)
    return oneof


def _is_optional(field):
    oneof = field.containing_oneof
    return oneof is not None and _real_oneof(field) is None


def _scalar(field):
    from google.protobuf.descriptor import FieldDescriptor as F
    t = field.type
    n = field.number
    if t == F.TYPE_STRING:
        return field.name
    if t == F.TYPE_BYTES:
        return field.name.encode()
    if t in (F.TYPE_INT32, F.TYPE_SINT32, F.TYPE_SFIXED32):
        return -n
    if t in (F.TYPE_INT64, F.TYPE_SINT64, F.TYPE_SFIXED64):
        return -(n * 1000000007)
    if t in (F.TYPE_UINT32, F.TYPE_FIXED32):
        return n * 1000 + 7
    if t in (F.TYPE_UINT64, F.TYPE_FIXED64):
        return n * 1000000007
    if t == F.TYPE_BOOL:
        return True
    if t in (F.TYPE_DOUBLE, F.TYPE_FLOAT):
        return n + 0.25
    if t == F.TYPE_ENUM:
        return max(v.number for v in field.enum_type.values)
    raise ValueError(f"unhandled type {t} for {field.full_name}")


def fill(message, chosen=None):
    """Sets every field of message by the rule above. chosen maps oneof name -> member name."""
    from google.protobuf.descriptor import FieldDescriptor as F
    desc = message.DESCRIPTOR
    if desc.full_name == "google.protobuf.Timestamp":
        message.seconds, message.nanos = TIMESTAMP
        return message
    chosen = chosen or {}
    for field in desc.fields:
        oneof = _real_oneof(field)
        if oneof is not None:
            member = chosen.get(oneof.name, oneof.fields[0].name)
            if field.name != member:
                continue
        if _is_optional(field):
            setattr(message, field.name, type(_scalar(field))())
            continue
        if field.message_type is not None and field.message_type.GetOptions().map_entry:
            key_field, value_field = field.message_type.fields
            target = getattr(message, field.name)
            for suffix, text in (("_a", "1"), ("_b", "2")):
                key = field.name + suffix
                if value_field.message_type is not None:
                    fill(target[key])
                else:
                    target[key] = text
            continue
        if _is_repeated(field):
            target = getattr(message, field.name)
            if field.message_type is not None:
                fill(target.add())
                fill(target.add())
            elif field.type == F.TYPE_STRING:
                target.extend([field.name, field.name + "_2"])
            elif field.type == F.TYPE_ENUM:
                target.extend([1, _scalar(field)])
            else:
                target.extend([_scalar(field), _scalar(field)])
            continue
        if field.message_type is not None:
            fill(getattr(message, field.name))
            continue
        setattr(message, field.name, _scalar(field))
    return message


def _message_descriptors(modules):
    from google.protobuf import timestamp_pb2
    seen = {}

    def visit(desc):
        if desc.GetOptions().map_entry:
            return
        seen[desc.full_name] = desc
        for nested in desc.nested_types:
            visit(nested)

    for module in modules + [timestamp_pb2]:
        for desc in module.DESCRIPTOR.message_types_by_name.values():
            visit(desc)
    return seen


def build_vectors(modules):
    """Returns {vector name: message instance} for every message (and every oneof member)."""
    from google.protobuf import message_factory
    vectors = {}
    for full_name, desc in sorted(_message_descriptors(modules).items()):
        cls = message_factory.GetMessageClass(desc)
        oneofs = [o for o in desc.oneofs if not (len(o.fields) == 1 and o.name == "_" + o.fields[0].name)]
        if not oneofs:
            vectors[full_name] = fill(cls())
            continue
        for oneof in oneofs:
            for member in oneof.fields:
                vectors[f"{full_name}.{member.name}"] = fill(cls(), {oneof.name: member.name})
    return vectors


def serialize(message):
    """Deterministic bytes (map entries sorted by key), as the Swift encoder writes them."""
    return message.SerializeToString(deterministic=True)


def main(argv):
    if len(argv) != 3 or argv[1] != "--write":
        print(__doc__)
        return 2
    out = pathlib.Path(argv[2])
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.bin"):
        old.unlink()
    with generated_modules() as modules:
        vectors = build_vectors(modules)
        for name, message in vectors.items():
            (out / f"{name}.bin").write_bytes(serialize(message))
    print(f"wrote {len(vectors)} vectors to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
