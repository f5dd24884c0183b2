import Foundation

/// Reads the `rpc` lines of Protocol/**/*.proto, so the Swift descriptors are checked against the
/// schema text itself (a method added to a .proto without a descriptor fails the tests).
enum SchemaScanner {
    struct RPC { let streaming: Bool; let request: String; let response: String }

    static let protocolDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Protocol")

    static func rpcPaths() throws -> [String: RPC] {
        var result: [String: RPC] = [:]
        let files = FileManager.default.enumerator(atPath: protocolDirectory.path)?
            .compactMap { $0 as? String }.filter { $0.hasSuffix(".proto") } ?? []
        for file in files {
            let text = try String(contentsOf: protocolDirectory.appendingPathComponent(file), encoding: .utf8)
            var package = ""
            var service = ""
            for rawLine in text.split(separator: "\n") {
                let line = rawLine.trimmingCharacters(in: .whitespaces)
                if line.hasPrefix("package ") { package = String(line.dropFirst(8).dropLast()) }
                if line.hasPrefix("service ") { service = String(line.split(separator: " ")[1]) }
                guard line.hasPrefix("rpc ") else { continue }
                // rpc Name(Request) returns (stream Response);
                let name = line.dropFirst(4).prefix { $0 != "(" }
                let parts = line.split(whereSeparator: { "()".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
                let request = parts[1]
                let responsePart = parts[3]
                let streaming = responsePart.hasPrefix("stream ")
                let response = streaming ? String(responsePart.dropFirst(7)) : responsePart
                result["/\(package).\(service)/\(name)"] = RPC(
                    streaming: streaming, request: "\(package).\(request)", response: qualify(response, package))
            }
        }
        return result
    }

    private static func qualify(_ name: String, _ package: String) -> String {
        name.contains(".") ? name : "\(package).\(name)"
    }
}
