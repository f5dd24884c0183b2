import HTTP2Transport
import RPCCore

/// Puts `GET /metrics` behind a bearer token when `TRADEBOT_METRICS_AUTH=token`: any principal the
/// auth interceptor accepts (access token of an enabled user, or an unrevoked API token) may
/// scrape; anything else gets 401 with `WWW-Authenticate: Bearer` and no metric in the body.
struct MetricsAccess: Sendable {
    let interceptor: AuthInterceptor

    func guarded(_ respond: @escaping @Sendable (HTTPRequest) -> HTTPResponse) -> @Sendable (HTTPRequest) -> HTTPResponse {
        let interceptor = self.interceptor
        return { request in
            let authorization = request.headers.first { $0.name.lowercased() == "authorization" }?.value
            do throws(RPCError) {
                _ = try interceptor.authenticate(authorization)
            } catch {
                var response = HTTPResponse(status: 401, text: "unauthorized: \(error.message)\n")
                response.headers = [("www-authenticate", "Bearer")]
                return response
            }
            return respond(request)
        }
    }
}
