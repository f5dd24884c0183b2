import RPCCore
import WireFormat

extension TradebotV1.Auth {
    /// Typed calls to `tradebot.v1.Auth`.
    public struct Client: Sendable {
        public let rpc: RPCClient

        public init(_ rpc: RPCClient) { self.rpc = rpc }

        public func login(_ request: TradebotV1.LoginRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.LoginResponse {
            try await rpc.call(TradebotV1.Auth.login, request, options: options)
        }
        public func refresh(_ request: TradebotV1.RefreshRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.RefreshResponse {
            try await rpc.call(TradebotV1.Auth.refresh, request, options: options)
        }
        public func logout(_ request: TradebotV1.LogoutRequest, options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.LogoutResponse {
            try await rpc.call(TradebotV1.Auth.logout, request, options: options)
        }
        public func whoAmI(_ request: TradebotV1.WhoAmIRequest = .init(), options: CallOptions = CallOptions()) async throws(RPCError) -> TradebotV1.WhoAmIResponse {
            try await rpc.call(TradebotV1.Auth.whoAmI, request, options: options)
        }
    }
}
