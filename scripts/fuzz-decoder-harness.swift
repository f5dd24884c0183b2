// libFuzzer harness for the hand-written decoders (built by scripts/fuzz-decoder).
//
// The first input byte picks a message type; the rest is decoded as that type. A successful
// decode must re-encode to bytes that decode to an equal value (a fixed point); anything else
// the decoder does with the input must be a typed error. A mismatch traps, which libFuzzer
// reports as a crash with the input saved.
import TradingProtocol
import WireFormat

extension ProtoMessage {
    static func fuzzRoundTrip(_ raw: UnsafeRawBufferPointer) {
        guard let first = try? Self(wireBytes: raw) else { return }
        let bytes = first.wireBytes()
        guard let second = try? Self(wireBytes: bytes), second == first, second.wireBytes() == bytes else {
            fatalError("decode/encode is not a fixed point for \(Self.protoMessageName)")
        }
    }
}

/// Every request and response type of the API, plus the nested types not used directly by an RPC.
let fuzzTypes: [any ProtoMessage.Type] = {
    var types: [any ProtoMessage.Type] = []
    for method in TradingAPI.allMethods {
        types.append(method.requestType)
        types.append(method.responseType)
    }
    types += [
        TradebotV1.Order.self, TradebotV1.Fill.self, TradebotV1.Position.self, TradebotV1.Instrument.self,
        TradebotV1.RiskLimits.self, TradebotV1.RiskState.self, TradebotV1.StrategyInfo.self,
        GoogleProtobuf.Timestamp.self,
    ]
    return types
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let selector = Int(data[0]) % fuzzTypes.count
    let body = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    fuzzTypes[selector].fuzzRoundTrip(body)
    // The decimal parser sees the same bytes as text when they are UTF-8.
    if let text = String(validating: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self),
       let value = try? WireDecimal.parse(text, field: "fuzz") {
        guard (try? WireDecimal.parse(value.description, field: "fuzz")) == value.normalized else {
            fatalError("decimal format/parse mismatch for \(text)")
        }
    }
    return 0
}
