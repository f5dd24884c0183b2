import RPCCore
import WireFormat

extension TradebotV1.System {
    /// Typed calls to `tradebot.v1.System`.
    public struct Client: Sendable {
        public let rpc: RPCClient

        public init(_ rpc: RPCClient) { self.rpc = rpc }

        public func getStatus(_ request: TradebotV1.GetStatusRequest = .init(), options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.GetStatusResponse {
            try await rpc.call(TradebotV1.System.getStatus, request, options: options)
        }
    }
}
