import TradingProtocol
import WireFormat

/// Hand-built Swift instances matching Tests/Interop/golden_vectors.py's fill rule, one per
/// golden vector (see that file's docstring for the rule). Nested values are shared so each
/// message type is stated once.
enum Golden {
    typealias V1 = TradebotV1
    static let ts = GoogleProtobuf.Timestamp(seconds: 1_764_028_800, nanos: 123_456_789)

    /// Every vector name with its Swift instance.
    static let all: [(name: String, message: any ProtoMessage)] =
        common + orders + portfolio + risk + marketData + strategies + auth + admin + system + health
}
