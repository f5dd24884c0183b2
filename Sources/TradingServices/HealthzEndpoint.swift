import HTTP2Transport
import Observability
import Synchronization

/// `GET /healthz`: `{"status":"ok","timestamp":"<RFC 3339>","version":"<version>"}` with 200 while
/// serving, and `"status":"draining"` with 503 once shutdown began, so load balancers stop sending.
public final class HealthzEndpoint: Sendable {
    public let version: String
    private let draining: Atomic<Bool>

    public init(version: String) {
        self.version = version
        draining = Atomic(false)
    }

    public func beginDraining() {
        draining.store(true, ordering: .relaxed)
    }

    public func respond(_ request: HTTPRequest) -> HTTPResponse {
        let isDraining = draining.load(ordering: .relaxed)
        let body = "{\"status\":\"\(isDraining ? "draining" : "ok")\",\"timestamp\":\"\(Logger.timestamp())\","
            + "\"version\":\"\(Self.jsonEscaped(version))\"}"
        return HTTPResponse(status: isDraining ? 503 : 200, contentType: "application/json",
                            body: Array(body.utf8), headers: [("cache-control", "no-store")])
    }

    static func jsonEscaped(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
