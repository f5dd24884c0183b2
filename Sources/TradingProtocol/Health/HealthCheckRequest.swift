import WireFormat

extension GRPCHealthV1 {
    /// `grpc.health.v1.HealthCheckRequest`. `service` "" asks about the whole server.
    public struct HealthCheckRequest: ProtoMessage {
        public static let protoMessageName = "grpc.health.v1.HealthCheckRequest"
        public var service = ""
        public var unknownFields = UnknownFields()

        public init() {}

        public init(service: String) { self.service = service }

        public mutating func decodeField(_ tag: WireTag, from d: inout WireDecoder) throws(WireDecodingError) {
            switch tag.fieldNumber {
            case 1: try d.decodeString(tag, into: &service)
            default: try d.skipField(tag, into: &unknownFields)
            }
        }

        public func encode(to e: inout WireEncoder) {
            e.encodeString(1, service)
            e.appendUnknownFields(unknownFields)
        }
    }
}
