/// A `host:port` the server binds: `127.0.0.1:50051`, `[::1]:50051`, `0.0.0.0:50051`, `localhost:50051`.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
    /// Host as given, without IPv6 brackets.
    public var host: String
    public var port: UInt16

    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// Parses `host:port`; IPv6 hosts must be bracketed. Port 0 asks the kernel for a free port.
    public init(parsing text: String) throws(ConfigurationError) {
        let invalid = ConfigurationError.invalidValue(setting: "listen address", value: text,
                                                      reason: "expected host:port, e.g. 127.0.0.1:50051 or [::1]:50051")
        var host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw invalid }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw invalid }
            portText = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else { throw invalid }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || ".-:_".contains($0) }) else {
            throw invalid
        }
        guard let port = UInt16(portText), portText.allSatisfy(\.isASCII) else {
            throw ConfigurationError.invalidValue(setting: "listen address", value: text,
                                                  reason: "port must be a number from 0 to 65535")
        }
        if host == "localhost" { host = "127.0.0.1" }
        self.init(host: String(host), port: port)
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
