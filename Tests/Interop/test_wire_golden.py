"""Golden wire vectors, checked both ways against Python's reference protobuf.

1. The checked-in vectors (Tests/TradingProtocolTests/Golden/*.bin) are what the reference
   implementation produces from Protocol/ today (regenerated here into a temp dir).
2. The bytes the Swift encoder wrote (by the Swift test "the Swift encoder's bytes are written for
   the Python side to decode", into $TRADEBOT_GOLDEN_SWIFT_OUT or .build/golden-swift) decode in
   Python to the same values and re-serialize to the same bytes.

Run `swift test` before this file so that (2) has input; (2) skips with a reason otherwise.
"""

import os
import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import golden_vectors  # noqa: E402

REPO = golden_vectors.REPO
SWIFT_OUT = pathlib.Path(os.environ.get("TRADEBOT_GOLDEN_SWIFT_OUT", REPO / ".build" / "golden-swift"))


@pytest.fixture(scope="module")
def vectors():
    with golden_vectors.generated_modules() as modules:
        yield golden_vectors.build_vectors(modules)


def test_every_message_in_the_schema_has_a_vector(vectors):
    # 117 message types; oneof messages have one vector per member.
    assert len(vectors) >= 127
    assert "tradebot.v1.Order" in vectors
    assert "grpc.health.v1.HealthCheckResponse" in vectors


def test_checked_in_vectors_are_current(vectors):
    checked_in = {p.name[: -len(".bin")]: p.read_bytes() for p in golden_vectors.GOLDEN_DIR.glob("*.bin")}
    assert set(checked_in) == set(vectors), "regenerate with: python Tests/Interop/golden_vectors.py --write Tests/TradingProtocolTests/Golden"
    stale = [name for name, message in vectors.items() if golden_vectors.serialize(message) != checked_in[name]]
    assert not stale, f"stale golden vectors: {stale}"


def test_swift_encoded_bytes_decode_to_the_reference_values(vectors):
    if not SWIFT_OUT.is_dir() or not any(SWIFT_OUT.glob("*.bin")):
        pytest.skip(f"no Swift-encoded vectors in {SWIFT_OUT}: run `swift test` first "
                    "(or set TRADEBOT_GOLDEN_SWIFT_OUT to where it wrote them)")
    missing = [name for name in vectors if not (SWIFT_OUT / f"{name}.bin").is_file()]
    assert not missing, f"Swift wrote no bytes for: {missing}"
    for name, expected in vectors.items():
        swift_bytes = (SWIFT_OUT / f"{name}.bin").read_bytes()
        decoded = type(expected)()
        decoded.ParseFromString(swift_bytes)
        assert decoded == expected, name
        assert golden_vectors.serialize(decoded) == swift_bytes, name
        # Nothing Swift wrote was unknown to the reference decoder.
        assert golden_vectors.serialize(decoded) == golden_vectors.serialize(expected), name


def test_health_serving_response_is_the_two_bytes_probes_expect(vectors):
    response = type(vectors["grpc.health.v1.HealthCheckResponse"])(status=1)
    assert golden_vectors.serialize(response) == b"\x08\x01"
