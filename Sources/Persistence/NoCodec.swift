/// A codec for no events, so static members of `EventStore` can be named without a real codec.
enum NoCodec: EventCodec {
    typealias Event = Never
    func typeName(of event: Never) -> String {}
    func encode(_ event: Never) throws -> [UInt8] {}
    func decode(typeName: String, payloadVersion: Int, payload: [UInt8]) throws -> Never {
        throw StoreError(.codec, path: "", message: "no events")
    }
}
