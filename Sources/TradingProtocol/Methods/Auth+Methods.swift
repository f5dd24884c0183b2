import WireFormat

extension TradebotV1 {
    /// The `tradebot.v1.Auth` service: sessions and tokens.
    public enum Auth {
        public static let serviceName = "tradebot.v1.Auth"
        public static let login = RPCMethod<LoginRequest, LoginResponse>(
            service: serviceName, method: "Login", kind: .unary, access: .anonymous)
        public static let refresh = RPCMethod<RefreshRequest, RefreshResponse>(
            service: serviceName, method: "Refresh", kind: .unary, access: .anonymous)
        public static let logout = RPCMethod<LogoutRequest, LogoutResponse>(
            service: serviceName, method: "Logout", kind: .unary, access: .authenticated)
        public static let whoAmI = RPCMethod<WhoAmIRequest, WhoAmIResponse>(
            service: serviceName, method: "WhoAmI", kind: .unary, access: .authenticated)

        /// Every method of the service, in schema order.
        public static let methods: [ServiceMethod] = [
            login.descriptor, refresh.descriptor, logout.descriptor, whoAmI.descriptor,
        ]
    }
}
