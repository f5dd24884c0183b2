import Foundation
import HTTP2Transport
import RPCCore
import Testing

/// A Python with grpcio: `TRADEBOT_PYTHON`, else the repository's `.venv`, else none (test skipped).
private let python: String? = {
    let env = ProcessInfo.processInfo.environment
    for candidate in [env["TRADEBOT_PYTHON"], FileManager.default.currentDirectoryPath + "/.venv/bin/python"].compactMap({ $0 }) {
        guard FileManager.default.isExecutableFile(atPath: candidate) else { continue }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: candidate)
        p.arguments = ["-c", "import grpc"]
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { continue }
        p.waitUntilExit()
        if p.terminationStatus == 0 { return candidate }
    }
    return nil
}()

private let script = #"""
import grpc, struct, sys
port, ca = sys.argv[1], sys.argv[2]
creds = grpc.ssl_channel_credentials(root_certificates=open(ca, "rb").read())
ch = grpc.secure_channel(f"localhost:{port}", creds)
say = ch.unary_unary("/test.Echo/Say")
assert say(b"hello", timeout=10) == b"hello"
assert say(b"", timeout=10) == b""
assert len(say(b"x" * 300000, timeout=10)) == 300000
msgs = list(ch.unary_stream("/test.Echo/Count")(struct.pack(">I", 1000), timeout=10))
assert len(msgs) == 1000 and msgs[999] == struct.pack(">I", 999)
def code(f):
    try:
        f()
    except grpc.RpcError as e:
        return e.code().name + ":" + (e.details() or "")
    return "OK"
print(code(lambda: ch.unary_unary("/test.Echo/Nope")(b"", timeout=10)))
print(code(lambda: say(b"x" * (5 << 20), timeout=10)))
print(code(lambda: ch.unary_unary("/test.Echo/Slow")(b"", timeout=0.2)))
print("done")
"""#

@Suite("Interop with Python grpcio over TLS")
struct GRPCInteropTests {
    @Test("grpcio calls unary and streaming methods and sees the right status codes", .enabled(if: python != nil))
    func grpcio() async throws {
        var router = basicRouter()
        router.register(MethodDescriptor(service: "test.Echo", method: "Slow", kind: .unary), handler: .unary { _, context in
            while !context.isCancelled { try await Task.sleep(for: .milliseconds(10)) }
            throw context.cancellationError ?? RPCError(code: .internal)
        })
        let server = try await TestServer.start(router)
        let port = server.port
        let output: String = try await withTimeout(60) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: python!)
            p.arguments = ["-c", script, String(port), TestCertificate.paths.cert]
            let out = Pipe()
            p.standardOutput = out
            p.standardError = out
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.contains("UNIMPLEMENTED:unknown method /test.Echo/Nope"), "\(output)")
        #expect(lines.contains { $0.hasPrefix("RESOURCE_EXHAUSTED:") }, "\(output)")
        #expect(lines.contains { $0.hasPrefix("DEADLINE_EXCEEDED") }, "\(output)")
        #expect(lines.last == "done", "\(output)")
        await server.stop()
    }
}
